import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

@Suite("Reading playlists: every problem, with file, slide and field")
struct PlaylistReaderTests {
    func problems(_ slides: [String], theme: String? = nil, extra: String = "") -> (TemporaryFolder, [Problem]) {
        let folder = PlaylistFixture.make(slides: slides, theme: theme, extra: extra)
        return (folder, PlaylistReader.read(folder: folder.url).problems)
    }

    /// Expects exactly one problem on `field` of `slide` whose message contains `message`.
    func expectProblem(
        _ slides: [String], slide: String?, field: String, message: String, theme: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (folder, found) = problems(slides, theme: theme)
        let matching = found.filter { $0.slide == slide && $0.field == field && $0.message.contains(message) }
        #expect(matching.count == 1, "found: \(found)", sourceLocation: sourceLocation)
        #expect(
            found.allSatisfy { $0.file == folder.file(Playlist.fileName).path }, sourceLocation: sourceLocation)
    }

    @Test("the demo playlist reads without problems")
    func demo() {
        let reading = PlaylistReader.read(folder: Repository.demoPlaylist)
        #expect(reading.problems == [])
        #expect(reading.playlist?.slides.count == 7)
        let templates = Set(reading.playlist?.slides.map(\.content.templateName) ?? [])
        #expect(templates == ["notice", "info", "event", "offer", "story", "wifi", "poster"])
    }

    @Test("a problem names the file, the slide and the field")
    func description() {
        let problem = Problem(file: "/p/playlist.json", slide: "x", field: "slides[0].title", message: "is required")
        #expect(problem.description == "/p/playlist.json: slide 'x': field 'slides[0].title': is required")
    }

    @Test("JSON that does not parse says where")
    func syntax() {
        let folder = TemporaryFolder()
        folder.write(Playlist.fileName, "{\"name\": \"x\",\n \"slides\": [}")
        let found = PlaylistReader.read(folder: folder.url).problems
        #expect(found.count == 1)
        #expect(found.first?.message.contains("not valid JSON") == true)
        #expect(found.first?.message.contains("line 2") == true, "\(found)")
    }

    @Test("a missing playlist.json is one problem, not a crash")
    func missingFile() {
        let folder = TemporaryFolder()
        let found = PlaylistReader.read(folder: folder.url).problems
        #expect(found.count == 1)
        #expect(found.first?.message.contains("cannot be read") == true)
    }

    @Test func requiredField() {
        expectProblem(
            [#"{"id": "a", "template": "notice", "title": "T"}"#], slide: "a", field: "slides[0].body",
            message: "is required")
    }

    @Test func wrongType() {
        expectProblem(
            [#"{"id": "a", "template": "notice", "title": "T", "body": 5}"#], slide: "a", field: "slides[0].body",
            message: "expected a string or an object of translations, found a number")
    }

    @Test("a misspelt field is reported, not ignored")
    func unknownField() {
        expectProblem(
            [#"{"id": "a", "template": "notice", "title": "T", "body": "B", "titel": "x"}"#], slide: "a",
            field: "slides[0].titel", message: "unknown field")
    }

    @Test func unknownTemplate() {
        expectProblem(
            [#"{"id": "a", "template": "banner"}"#], slide: "a", field: "slides[0].template",
            message: "'banner' is not one of")
    }

    @Test func duplicateID() {
        let slide = #"{"id": "a", "template": "notice", "title": "T", "body": "B"}"#
        expectProblem([slide, slide], slide: "a", field: "slides[1].id", message: "used by another slide")
    }

    @Test func idCharacters() {
        expectProblem(
            [#"{"id": "a b/c", "template": "notice", "title": "T", "body": "B"}"#], slide: "a b/c",
            field: "slides[0].id", message: "ASCII letters")
    }

    @Test func durationRange() {
        expectProblem(
            [#"{"id": "a", "template": "notice", "title": "T", "body": "B", "duration": 0.5}"#], slide: "a",
            field: "slides[0].duration", message: "between 2 and 3600")
    }

    @Test func translations() {
        expectProblem(
            [#"{"id": "a", "template": "notice", "title": {"en": "T"}, "body": "B"}"#], slide: "a",
            field: "slides[0].title", message: "no text in the default language 'sv'")
        expectProblem(
            [#"{"id": "a", "template": "notice", "title": {"sv": "T", "English": "T"}, "body": "B"}"#],
            slide: "a", field: "slides[0].title.English", message: "not a language code")
    }

    @Test("media paths cannot leave the playlist folder")
    func mediaEscapes() {
        for path in ["../outside.png", "/etc/passwd.png", "media/../../x.svg", "media//karta.svg"] {
            expectProblem(
                [#"{"id": "a", "template": "poster", "image": "\#(path)"}"#], slide: "a",
                field: "slides[0].image", message: "relative path inside the playlist folder")
        }
    }

    @Test("a symbolic link that leads out of the folder is refused")
    func mediaSymlink() throws {
        let folder = PlaylistFixture.make(slides: [#"{"id": "a", "template": "poster", "image": "media/link.png"}"#])
        try FileManager.default.createSymbolicLink(
            atPath: folder.file("media/link.png").path, withDestinationPath: "/etc/hostname")
        let found = PlaylistReader.read(folder: folder.url).problems
        #expect(found.map(\.message) == ["'media/link.png' leads outside the playlist folder"])
    }

    @Test func mediaMissingOrUnsupported() {
        expectProblem(
            [#"{"id": "a", "template": "poster", "image": "media/none.png"}"#], slide: "a",
            field: "slides[0].image", message: "does not exist")
        expectProblem(
            [#"{"id": "a", "template": "poster", "image": "playlist.json"}"#], slide: "a",
            field: "slides[0].image", message: "not a supported image")
    }

    @Test func links() {
        expectProblem(
            [#"{"id": "a", "template": "poster", "image": "media/karta.svg", "qr": {"url": "ftp://x.org/a"}}"#],
            slide: "a", field: "slides[0].qr.url", message: "not an http or https link")
        let long = "https://x.org/" + String(repeating: "a", count: 600)
        expectProblem(
            [#"{"id": "a", "template": "poster", "image": "media/karta.svg", "qr": {"url": "\#(long)"}}"#],
            slide: "a", field: "slides[0].qr.url", message: "at most 512")
    }

    @Test func dates() {
        expectProblem(
            [
                #"{"id": "a", "template": "event", "title": "T", "place": "P", "starts": "12 december"}"#
            ], slide: "a", field: "slides[0].starts", message: "not a date and time")
        expectProblem(
            [
                #"{"id": "a", "template": "event", "title": "T", "place": "P", "starts": "2026-12-12T11:00:00+01:00", "ends": "2026-12-12T10:00:00+01:00"}"#
            ], slide: "a", field: "slides[0].ends", message: "before 'starts'")
    }

    @Test func wifiRules() {
        expectProblem(
            [#"{"id": "a", "template": "wifi", "ssid": "Net", "security": "WPA"}"#], slide: "a",
            field: "slides[0].password", message: "is required when 'security' is 'WPA'")
        expectProblem(
            [#"{"id": "a", "template": "wifi", "ssid": "Net", "password": "x", "security": "nopass"}"#], slide: "a",
            field: "slides[0].password", message: "'security' is 'nopass'")
        expectProblem(
            [#"{"id": "a", "template": "wifi", "ssid": "\#(String(repeating: "n", count: 33))"}"#], slide: "a",
            field: "slides[0].ssid", message: "at most 32")
    }

    @Test func storyReadings() {
        let reading = #"{"language": "sv", "url": "https://x.org/sv"}"#
        expectProblem(
            [
                #"{"id": "a", "template": "story", "title": "T", "author": "A", "image": "media/berattelse.svg", "readings": [\#(reading), \#(reading)]}"#
            ], slide: "a", field: "slides[0].readings[1].language", message: "has two readings")
        expectProblem(
            [
                #"{"id": "a", "template": "story", "title": "T", "author": "A", "image": "media/berattelse.svg", "readings": [{"language": "xq", "url": "https://x.org/xq"}]}"#
            ], slide: "a", field: "slides[0].readings[0].label", message: "name of 'xq' is not known")
    }

    @Test("a theme with too little contrast is rejected, naming the colour")
    func contrast() {
        expectProblem(
            [#"{"id": "a", "template": "notice", "title": "T", "body": "B"}"#], slide: nil,
            field: "theme.foreground", message: "contrast with background is 4.48:1",
            theme: ##"{"background": "#FFFFFF", "foreground": "#777777"}"##)
        expectProblem(
            [#"{"id": "a", "template": "notice", "title": "T", "body": "B"}"#], slide: nil, field: "theme.accent",
            message: "not a colour", theme: #"{"accent": "yellow"}"#)
    }

    @Test func timeZone() {
        let (_, found) = problems(
            [#"{"id": "a", "template": "notice", "title": "T", "body": "B"}"#], extra: #""timeZone": "Mars/Olympus","#)
        #expect(found.map(\.field) == ["timeZone"])
    }

    @Test("good slides survive a bad neighbour, so the player can play them")
    func partial() {
        let folder = PlaylistFixture.make(slides: [
            #"{"id": "good", "template": "notice", "title": "T", "body": "B"}"#,
            #"{"id": "bad", "template": "notice", "title": "T"}"#,
        ])
        let reading = PlaylistReader.read(folder: folder.url)
        #expect(reading.playlist?.slides.map(\.id) == ["good"])
        #expect(reading.problems.count == 1)
    }
}
