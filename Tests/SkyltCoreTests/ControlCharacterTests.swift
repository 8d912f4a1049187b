import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

@Suite("Control characters: refused in text fields, escaped on the way to a terminal or the log")
struct ControlCharacterTests {
    func problems(_ slide: String) -> [Problem] {
        let folder = PlaylistFixture.make(slides: [slide])
        return withExtendedLifetime(folder) { PlaylistReader.read(folder: folder.url).problems }
    }

    /// The fields and codes of the problems.
    func found(_ slide: String) -> [String] {
        problems(slide).map { "\($0.field) \($0.code?.rawValue ?? "-")" }
    }

    @Test("a NUL inside a Wi-Fi password is refused, so that the code is never cut at it")
    func nulInPassword() {
        let slide = #"{"id": "w", "template": "wifi", "ssid": "Butiken", "password": "hemligt\u0000extra"}"#
        #expect(found(slide) == ["slides[0].password controlCharacter"])
        #expect(problems(slide).first?.slide == "w")
        #expect(problems(slide).first?.message.contains("U+0000") == true)
    }

    @Test("a NUL inside a QR code's link, a network name or a reading's link is refused")
    func nulInLinks() {
        let qr =
            #"{"id": "q", "template": "notice", "title": "T", "body": "B", "qr": {"url": "https://example.se/\u0000x"}}"#
        #expect(found(qr) == ["slides[0].qr.url controlCharacter"])
        let ssid = #"{"id": "w", "template": "wifi", "ssid": "Butik\u0000en"}"#
        #expect(found(ssid) == ["slides[0].ssid controlCharacter"])
        let story = #"""
            {"id": "s", "template": "story", "title": "T", "author": "A", "image": "media/berattelse.svg",
             "readings": [{"language": "sv", "url": "https://example.se/\u0000"}]}
            """#
        #expect(found(story) == ["slides[0].readings[0].url controlCharacter"])
    }

    @Test(
        "C0 controls, DEL, C1 controls and bidi overrides are refused in a title, in each translation",
        arguments: ["\\u001b[2J", "\\u0007", "\\u007f", "\\u0085", "\\u009b", "\\u202e", "\\u202a"])
    func refusedInTitle(character: String) {
        let slide = #"{"id": "n", "template": "notice", "title": {"sv": "T", "ar": "ع\#(character)"}, "body": "B"}"#
        #expect(found(slide) == ["slides[0].title.ar controlCharacter"])
    }

    @Test("line breaks and tabs are refused where a field takes one line, and kept in a body")
    func lineBreaks() {
        let title = #"{"id": "n", "template": "notice", "title": "Två\nrader", "body": "B"}"#
        #expect(found(title) == ["slides[0].title controlCharacter"])
        let price =
            #"{"id": "o", "template": "offer", "headline": "H", "text": "T", "price": "10\tkr", "image": "media/brod.svg"}"#
        #expect(found(price) == ["slides[0].price controlCharacter"])
        let body = #"{"id": "n", "template": "notice", "title": "T", "body": "Rad ett\r\nRad två\n\n\tindrag"}"#
        #expect(found(body) == [])
    }

    @Test("the bidi marks and isolates that right-to-left text needs are kept")
    func bidiMarksKept() {
        let title = "\\u200fسلام\\u200e 12:00 \\u2067abc\\u2069 \\u2066x\\u2069 \\u2068y\\u2069 \\u061c"
        let slide = #"{"id": "n", "template": "notice", "title": {"sv": "T", "ar": "\#(title)"}, "body": "B"}"#
        #expect(found(slide) == [])
    }

    @Test("escaping writes controls as \\u{..}, keeps line breaks when asked, and leaves other text alone")
    func escaping() {
        #expect(
            ControlCharacters.escaped("a\u{1B}[31mb\u{0}c\u{7F}\u{9B}\u{202E}d")
                == #"a\u{1B}[31mb\u{0}c\u{7F}\u{9B}\u{202E}d"#)
        #expect(ControlCharacters.escaped("rad\nrad\tx") == #"rad\u{A}rad\u{9}x"#)
        #expect(ControlCharacters.escaped("rad\nrad\tx\r", keepingLineBreaks: true) == "rad\nrad\tx\\u{D}")
        let plain = "Ängsby – العربية \u{200F}ok"
        #expect(ControlCharacters.escaped(plain) == plain)
    }

    @Test("what a logger hands its handler has control characters escaped, line breaks kept")
    func loggerEscapes() {
        let memory = InMemoryLogHandler()
        memory.logger.warning("slide 'x\u{1B}]0;pwned\u{7}': skipped\nsecond line")
        #expect(memory.messages == [#"slide 'x\u{1B}]0;pwned\u{7}': skipped"# + "\nsecond line"])
    }
}
