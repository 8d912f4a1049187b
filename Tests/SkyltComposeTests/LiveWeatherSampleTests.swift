import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// The sample playlist Playlists/live-weather: it reads, passes the layout check, and each
/// slide composes at its data's moment in both orientations and all its languages.
@Suite("Sample playlist live-weather: reads, checks and composes", .timeLimit(.minutes(5)))
struct LiveWeatherSampleTests {
    static let folder = Repository.root.appendingPathComponent("Playlists/live-weather")
    static let moment = LiveSlideFixtures.date("2026-06-28T14:25:00+02:00")

    @Test("the playlist reads without problems and passes LayoutCheck")
    func check() throws {
        let reading = PlaylistReader.read(folder: Self.folder)
        let playlist = try #require(reading.playlist, "\(reading.problems)")
        let report = LayoutCheck.check(playlist)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(Program(playlists: [("c", playlist)]).slides.count == 4)
    }

    /// Writes the PNGs to $SKYLT_LIVE_RENDER when it is set, to look at them.
    @Test("every slide composes at its data's moment, inside the safe area, with the data of that moment")
    func compose() throws {
        let playlist = try #require(PlaylistReader.read(folder: Self.folder).playlist)
        let output = ProcessInfo.processInfo.environment["SKYLT_LIVE_RENDER"].map { URL(fileURLWithPath: $0) }
        for entry in Program(playlists: [("c", playlist)]).slides {
            #expect(entry.slide.content.staleness(at: Self.moment) == nil, "\(entry.slide.id)")
            for size in LiveSlideFixtures.sizes {
                for language in LayoutCheck.languages(of: entry) {
                    let composition = try SlideComposer(
                        profile: DisplayProfile.standard.resized(width: size.0, height: size.1)
                    ).compose(entry, language: language, at: Self.moment)
                    #expect(LiveSlideFixtures.inside(composition.layout), "\(entry.slide.id) \(language) \(size)")
                    if entry.slide.id == "vader-lidhult" {
                        let symbols = composition.layout.images.filter { $0.field.hasPrefix("symbol[") }
                        #expect(symbols.count == (size.0 > size.1 ? 6 : 5))
                    }
                    if let output {
                        let name = "\(entry.slide.id).\(language).\(size.0)x\(size.1).png"
                        try composition.frame.writePNG(to: output.appendingPathComponent(name))
                    }
                }
            }
        }
    }
}
