import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

@Suite("Files to download are decoded like slide images")
struct DownloadCheckTests {
    static func poster(file: String) -> String {
        #"{"id": "karta", "template": "poster", "image": "media/affisch.svg", "qr": {"file": "\#(file)", "label": "Karta"}}"#
    }

    @Test("a map that starts like a PNG but does not decode is a problem of qr.file; a whole one is none")
    func decoded() throws {
        let folder = PlaylistFixture.make(slides: [Self.poster(file: "karta.png")])
        try (Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data("not the rest of a PNG".utf8))
            .write(to: folder.file("karta.png"))
        let reading = PlaylistReader.read(folder: folder.url)
        #expect(reading.problems == [], "the first bytes pass the reader")
        let problems = LayoutCheck.check(try #require(reading.playlist)).problems
        #expect(
            problems.count == 1 && problems.first?.field == "qr.file" && problems.first?.slide == "karta", "\(problems)"
        )

        let whole = PlaylistFixture.make(slides: [Self.poster(file: "media/halves.jpg")])
        let playlist = try #require(PlaylistReader.read(folder: whole.url).playlist)
        #expect(LayoutCheck.check(playlist).problems == [])
    }
}
