import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// What `skylt` prints about a playlist reaches a terminal: text from the playlist must not
/// carry escape sequences or other control characters there.
@Suite("skylt writes control characters from a playlist escaped", .serialized)
struct TerminalEscapeTests {
    @Test("validate prints a field name holding an escape sequence as \\u{1B}, never the raw character")
    func escapedFieldName() throws {
        // A misspelt field's name is quoted in the problem; here it holds ESC and BEL.
        let folder = PlaylistFixture.make(slides: [
            #"{"id": "n", "template": "notice", "title": "T", "body": "B", "x\u001b]0;pwned\u0007": 1}"#
        ])
        let result = try ExternalTool.run(
            [Repository.skyltBinary.path, "validate", folder.url.path],
            environment: ["SKYLT_CONFIG": "/nonexistent/skylt-config.json"])
        #expect(result.status == 1)
        let output = result.stdout + result.stderr
        #expect(output.contains(#"x\u{1B}]0;pwned\u{7}"#), "\(output)")
        #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }
}
