import Foundation
import SkyltCore
import Testing

/// The kiosk's own string and number helpers must give what Foundation's gave (the test
/// targets still link Foundation, so each is checked against the call it replaced).
@Suite("Text and number helpers: the same results as Foundation's calls they replace")
struct TextAndNumberTests {
    static let samples = [
        "", "  ", "plain", "  both  ", "\t\ttabs\t", "\n\nlines\r\n", " \u{00A0}nbsp\u{2003}", "\u{2028}sep\u{0085}",
        "inner  space", " åäö ", "e\u{301} ", " \u{301}x",
    ]

    @Test("trimmed removes what .whitespacesAndNewlines removed", arguments: samples)
    func trimmedMatches(text: String) {
        #expect(text.trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("trimmedSpaces removes what .whitespaces removed and keeps line breaks", arguments: samples)
    func trimmedSpacesMatches(text: String) {
        #expect(text.trimmedSpaces == text.trimmingCharacters(in: .whitespaces))
    }

    @Test("replacingAll finds a byte sequence inside a larger character, as NSString did")
    func replacingAll() {
        let cases: [(String, String, String)] = [
            ("a\r\nb\nc", "\n", " | "), ("a\r\nb", "\r\n", "\n"), ("a+b+c", "+", " "), ("ååå", "å", "a"),
            ("none", "x", "y"), ("aaaa", "aa", "b"), ("a/b=c", "/", "_"),
        ]
        for (text, target, replacement) in cases {
            #expect(
                text.replacingAll(target, with: replacement)
                    == text.replacingOccurrences(of: target, with: replacement), "\(text.debugDescription)")
        }
    }

    @Test("percentDecoded turns %XX back into bytes and refuses what removingPercentEncoding refused")
    func percentDecoded() {
        for text in ["a%20b", "%C3%A5", "plain", "100%", "%zz", "%C3", "%2B%2b", "%"] {
            #expect(text.percentDecoded == text.removingPercentEncoding, "\(text)")
        }
    }

    @Test("fixed gives printf's digits, rounding included")
    func fixed() {
        let values = [0, 1.5, 2.5, -0.05, 0.125, 1234.5678, 1e-7, 99.95, -3.0, 4.5, 1e15 + 0.3]
        for value in values {
            for decimals in 0...3 {
                #expect(
                    NumberText.fixed(value, decimals: decimals) == String(format: "%.\(decimals)f", value),
                    "\(value) with \(decimals)")
            }
        }
    }

    @Test("zero padding, hex and column padding")
    func padding() {
        #expect(NumberText.zeroPadded(7, width: 3) == "007")
        #expect(NumberText.zeroPadded(-7, width: 3) == "-007")
        #expect(NumberText.zeroPadded(12345, width: 3) == "12345")
        #expect(NumberText.hex([0x00, 0x0A, 0xFF]) == "000aff")
        #expect(NumberText.hex([0xAB], uppercase: true) == "AB")
        #expect("ab".padded(to: 4) == "ab  ")
        #expect("ab".padded(left: 4) == "  ab")
        #expect("abcdef".padded(to: 4) == "abcdef")
    }

    @Test("a JSON syntax error names the line and column where the text goes wrong")
    func jsonLocation() {
        let cases: [(String, String)] = [
            ("{\n  \"a\": 1,\n  \"b\" 2\n}", "unexpected character '2' at line 3, column 7"),
            ("[1, 2,", "unexpected end of the data at line 1, column 7"),
            ("{\"a\": tru}", "unexpected character 't' at line 1, column 7"),
            ("[1] x", "unexpected character 'x' at line 1, column 5"),
            ("{\"a\": \"b", "unterminated string at line 1, column 7"),
        ]
        for (text, message) in cases {
            do {
                _ = try JSONValue.parse(Data(text.utf8))
                Issue.record("\(text) parsed")
            } catch {
                #expect(error.message == message)
            }
        }
    }

    @Test("200,000 nested brackets give an error at the nesting limit, not a crash")
    func deepNesting() {
        let text = String(repeating: "[", count: 200_000)
        do {
            _ = try JSONValue.parse(Data(text.utf8))
            Issue.record("parsed")
        } catch {
            #expect(
                error.message.hasPrefix("nested more than 512 levels deep at line 1, column 513"), "\(error.message)")
        }
    }
}
