import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

@Suite("A playlist's own wording for built-in texts")
struct PlaylistStringsTests {
    static let wifi = """
        {"id": "wifi", "template": "wifi", "ssid": "Butiken", "password": "hemligt1", "security": "WPA"}
        """

    func read(_ strings: String) -> (TemporaryFolder, PlaylistReading) {
        let folder = PlaylistFixture.make(slides: [Self.wifi], extra: "\"strings\": \(strings),")
        return (folder, PlaylistReader.read(folder: folder.url))
    }

    @Test("overrides are read and carried to every slide's playlist context")
    func carried() throws {
        let (_, reading) = read(#"{"wifiScan": {"sv": "Skanna koden", "en": "Scan the code"}}"#)
        #expect(reading.problems == [])
        let playlist = try #require(reading.playlist)
        let expected = LocalizedText(["sv": "Skanna koden", "en": "Scan the code"])
        #expect(playlist.strings == [.wifiScan: expected])
        let program = Program(playlists: [(channel: "c", playlist: playlist)])
        #expect(program.slides.first?.context.strings == [.wifiScan: expected])
    }

    @Test("an unknown key is a problem naming the field")
    func unknownKey() {
        let (_, reading) = read(#"{"wifiScann": {"sv": "Skanna"}}"#)
        #expect(reading.problems.count == 1)
        #expect(reading.problems.first?.field == "strings.wifiScann")
        #expect(reading.problems.first?.message.contains("unknown built-in text") == true)
        #expect(reading.problems.first?.message.contains("wifiScan") == true)
    }

    @Test("a bad language code, an empty text or a non-string is a problem naming the field")
    func badLanguages() {
        let (_, reading) = read(#"{"urgent": {"Svenska": "Viktigt", "en": " ", "de": 3, "fi": "Tärkeää!"}}"#)
        let fields = reading.problems.map(\.field).sorted()
        #expect(fields == ["strings.urgent.Svenska", "strings.urgent.de", "strings.urgent.en"])
        #expect(reading.problems.allSatisfy { $0.slide == nil })
        #expect(reading.playlist?.strings[.urgent] == LocalizedText(["fi": "Tärkeää!"]))
    }

    @Test("a key must hold an object of translations")
    func notAnObject() {
        let (_, reading) = read(#"{"listen": "Lyssna"}"#)
        #expect(reading.problems.map(\.field) == ["strings.listen"])
        #expect(reading.problems.first?.message.contains("expected an object") == true)
    }
}
