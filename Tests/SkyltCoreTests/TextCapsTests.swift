import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

@Suite("Text fields have caps by role, refused by the reader before any layout")
struct TextCapsTests {
    func read(_ slides: [String], extra: String = "") -> (folder: TemporaryFolder, problems: [Problem]) {
        let folder = PlaylistFixture.make(slides: slides, extra: extra)
        return (folder, PlaylistReader.read(folder: folder.url).problems)
    }

    /// The one problem, which must name the file, the slide, the field and the code.
    func expectOne(
        _ result: (folder: TemporaryFolder, problems: [Problem]), slide: String?, field: String, code: ProblemCode,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.problems.count == 1, "\(result.problems)", sourceLocation: sourceLocation)
        let problem = result.problems.first
        #expect(problem?.code == code, "\(result.problems)", sourceLocation: sourceLocation)
        #expect(problem?.field == field, sourceLocation: sourceLocation)
        #expect(problem?.slide == slide, sourceLocation: sourceLocation)
        #expect(problem?.file == result.folder.file(Playlist.fileName).path, sourceLocation: sourceLocation)
    }

    @Test("a 1 MB title is refused by the reader as too long, naming file, slide and field")
    func megabyteTitle() {
        let title = String(repeating: "Vattnet stängs av ", count: 55_000)
        #expect(title.utf8.count > 1_000_000)
        let result = read([#"{"id": "lang", "template": "notice", "title": "\#(title)", "body": "Kort."}"#])
        expectOne(result, slide: "lang", field: "slides[0].title", code: .textTooLong)
        #expect(result.problems.first?.message.contains("at most \(TextLimit.title.maxCharacters!)") == true)
    }

    @Test("a title of one letter and half a million combining marks, one character as people count, is too long")
    func combiningMarkFlood() {
        let title = "a" + String(repeating: "\u{301}", count: 500_000)
        #expect(title.count == 1)
        let result = read([#"{"id": "lang", "template": "notice", "title": "\#(title)", "body": "Kort."}"#])
        expectOne(result, slide: "lang", field: "slides[0].title", code: .textTooLong)
    }

    @Test("emoji sequences of seven code points each, up to the cap, are taken")
    func clustersWithinCap() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}"
        let title = String(repeating: family, count: TextLimit.title.maxCharacters!)
        let result = read([#"{"id": "lang", "template": "notice", "title": "\#(title)", "body": "Kort."}"#])
        #expect(!result.problems.contains { $0.code == .textTooLong })
    }

    @Test("a 200 KB body without spaces is refused by the reader as too long")
    func bodyWithoutSpaces() {
        let body = String(repeating: "a", count: 200_000)
        let result = read([#"{"id": "lang", "template": "notice", "title": "Rubrik", "body": "\#(body)"}"#])
        expectOne(result, slide: "lang", field: "slides[0].body", code: .textTooLong)
    }

    @Test(
        "every text field takes its role's cap and refuses one character more, in each translation",
        arguments: [
            ("notice", "title", TextLimit.title), ("notice", "body", .body), ("notice", "issuer", .line),
            ("event", "place", .line), ("event", "description", .body), ("event", "organiser", .line),
            ("offer", "headline", .title), ("offer", "text", .body), ("offer", "price", .line),
            ("poster", "caption", .caption), ("wifi", "title", .title),
        ])
    func fieldCaps(template: String, field: String, limit: TextLimit) throws {
        let cap = try #require(limit.maxCharacters)
        // Arabic letters take two bytes: the cap counts characters, not bytes.
        for (language, letter) in [("sv", "ä"), ("ar", "ب")] {
            let atCap = slide(template, field: field, text: String(repeating: letter, count: cap), language: language)
            #expect(read([atCap]).problems == [], "\(template).\(field) at its cap of \(cap)")
            let over = slide(
                template, field: field, text: String(repeating: letter, count: cap + 1), language: language)
            expectOne(read([over]), slide: "s", field: "slides[0].\(field).\(language)", code: .textTooLong)
        }
    }

    /// The required fields of each template, as JSON members.
    static let required: [String: [(key: String, value: String)]] = [
        "notice": [("title", #""T""#), ("body", #""B""#)],
        "event": [("title", #""T""#), ("starts", #""2026-12-12T11:00:00+01:00""#), ("place", #""P""#)],
        "offer": [("headline", #""H""#), ("text", #""T""#), ("image", #""media/brod.svg""#)],
        "poster": [("image", #""media/affisch.svg""#)],
        "wifi": [("ssid", #""Butiken""#)],
    ]

    /// A valid slide of `template` whose `field` has `text` in `language` (and Swedish).
    func slide(_ template: String, field: String, text: String, language: String) -> String {
        let translations = language == "sv" ? #"{"sv": "\#(text)"}"# : #"{"sv": "x", "\#(language)": "\#(text)"}"#
        let others = (Self.required[template] ?? []).filter { $0.key != field }.map { "\"\($0.key)\": \($0.value)" }
        let members = [#""id": "s""#, #""template": "\#(template)""#] + others + [#""\#(field)": \#(translations)"#]
        return "{" + members.joined(separator: ", ") + "}"
    }

    @Test("a Wi-Fi password of 65 characters is refused; 64 (a hex key) passes")
    func passwordCap() {
        let key = String(repeating: "a1", count: 32)
        #expect(read([#"{"id": "w", "template": "wifi", "ssid": "B", "password": "\#(key)"}"#]).problems == [])
        let long = #"{"id": "w", "template": "wifi", "ssid": "B", "password": "\#(key)x"}"#
        expectOne(read([long]), slide: "w", field: "slides[0].password", code: .textTooLong)
    }

    @Test("labels and the playlist's own words for built-in texts have caps too")
    func labelAndStrings() {
        let label = String(repeating: "l", count: TextLimit.label.maxCharacters! + 1)
        let qr =
            #"{"id": "q", "template": "notice", "title": "T", "body": "B", "qr": {"url": "https://example.se", "label": "\#(label)"}}"#
        expectOne(read([qr]), slide: "q", field: "slides[0].qr.label", code: .textTooLong)
        let words = String(repeating: "w", count: TextLimit.builtIn.maxCharacters! + 1)
        let strings = read(
            [#"{"id": "n", "template": "notice", "title": "T", "body": "B"}"#],
            extra: #""strings": {"wifiScan": {"sv": "\#(words)", "en": "Scan"}},"#)
        expectOne(strings, slide: nil, field: "strings.wifiScan.sv", code: .textTooLong)
    }

    @Test("every existing playlist passes the caps: the demo and the multilingual fixture")
    func existingPlaylistsPass() {
        for folder in [Repository.demoPlaylist, Repository.fixtures.appendingPathComponent("multilingual")] {
            let problems = PlaylistReader.read(folder: folder).problems
            #expect(problems.filter { $0.code != nil } == [], "\(folder.lastPathComponent): \(problems)")
        }
    }
}
