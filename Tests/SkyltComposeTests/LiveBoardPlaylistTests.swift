import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// The sample playlist of data slides: it reads without problems, passes the layout checks,
/// and every slide composes legibly at its data's moment, in every language, at both sizes.
@Suite("The live board sample composes at its data's moment", .serialized, .timeLimit(.minutes(5)))
struct LiveBoardPlaylistTests {
    func playlist() throws -> Playlist {
        let reading = PlaylistReader.read(folder: Repository.root.appendingPathComponent("Playlists/live-board"))
        #expect(reading.problems.isEmpty, "\(reading.problems)")
        return try #require(reading.playlist)
    }

    @Test("the layout checks find no problem")
    func layoutCheck() throws {
        #expect(LayoutCheck.check(try playlist()).problems.isEmpty)
    }

    @Test("each slide in each language at 10:00 on 12 December", arguments: LiveSlides.sizes)
    func composes(width: Int, height: Int) throws {
        let playlist = try playlist()
        let program = Program(playlists: [(channel: "live", playlist: playlist)])
        #expect(program.slides.map(\.slide.content.templateName) == ["departures", "agenda", "news"])
        let composer = LiveSlides.composer(width, height)
        // Written out for a person to look at when SKYLT_RENDER_DIR names a folder.
        let out = ProcessInfo.processInfo.environment["SKYLT_RENDER_DIR"].map(URL.init(fileURLWithPath:))
        let folder = TemporaryFolder()
        for entry in program.slides {
            for language in LayoutCheck.languages(of: entry) {
                let composition = try composer.compose(entry, language: language, at: LiveSlides.at("10:00"))
                LiveSlides.expectLegible(composition, "\(entry.slide.id) \(language) at \(width)x\(height)")
                let png = (out ?? folder.url).appendingPathComponent(
                    "\(entry.slide.id)-\(language)-\(width)x\(height).png")
                try composition.frame.writePNG(to: png)
                if !composition.codes.isEmpty {
                    #expect(try ExternalTool.zbarDecode(png) == composition.codes.map(\.payload))
                }
            }
        }
        let board = try #require(program.slides.first)
        let sv = try composer.compose(board, language: "sv", at: LiveSlides.at("10:00"))
        // Eight departures, all still to come at 10:00; as many as fit are drawn.
        #expect(LiveSlides.texts(sv, ".time").contains { $0.text == "Inställd" })
        #expect(LiveSlides.texts(sv, ".destination").count >= 6)
    }
}
