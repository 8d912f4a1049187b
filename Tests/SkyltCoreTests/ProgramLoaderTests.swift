import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// Reloading content never loses what was good: a channel that cannot be read keeps its slides.
@Suite struct ProgramLoaderTests {
    func config(_ channels: [(String, TemporaryFolder)]) -> KioskConfig {
        var config = KioskConfig.demo(folder: channels[0].1.url)
        config.channels = channels.map { ChannelConfig(name: $0.0, source: .folder($0.1.url)) }
        return config
    }

    static func notice(_ id: String) -> String {
        #"{"id": "\#(id)", "template": "notice", "title": "\#(id)", "body": "Text."}"#
    }

    @Test("a channel whose playlist.json breaks keeps its slides, in its place, and the problem names the file")
    func keepsLastGood() throws {
        let kommun = PlaylistFixture.make(slides: [Self.notice("vatten"), Self.notice("val")])
        let butiken = PlaylistFixture.make(slides: [Self.notice("brod")])
        let config = config([("kommun", kommun), ("butiken", butiken)])
        let first = ProgramLoader.load(config)
        #expect(first.problems.isEmpty)
        #expect(first.program.slides.map(\.key) == ["kommun/vatten", "kommun/val", "butiken/brod"])

        // An editor's half-saved file, and a new slide in the other channel.
        kommun.write(Playlist.fileName, #"{"name": "kommun", "slides": [{"id": "vat"#)
        butiken.write(
            Playlist.fileName,
            #"{"name": "b", "defaultLanguage": "sv", "slides": [\#(Self.notice("brod")), \#(Self.notice("ost"))]}"#)
        let second = ProgramLoader.load(config, previous: first.program)
        #expect(second.program.slides.map(\.key) == ["kommun/vatten", "kommun/val", "butiken/brod", "butiken/ost"])
        let kept = try #require(second.problems.first { $0.message.contains("keep playing") })
        #expect(kept.file == kommun.file(Playlist.fileName).path)
        #expect(kept.message.contains("'kommun'"))
        // The parse error itself is reported too.
        #expect(second.problems.contains { $0.file.hasSuffix(Playlist.fileName) && $0 != kept })

        // Without a program to fall back on, the broken channel simply has nothing.
        let cold = ProgramLoader.load(config)
        #expect(cold.program.slides.map(\.key) == ["butiken/brod", "butiken/ost"])
        #expect(!cold.problems.contains { $0.message.contains("keep playing") })
    }

    @Test("a channel that reads but has fewer slides shows what it has now")
    func readableChangesApply() throws {
        let kommun = PlaylistFixture.make(slides: [Self.notice("vatten"), Self.notice("val")])
        let config = config([("kommun", kommun)])
        let first = ProgramLoader.load(config)
        kommun.write(Playlist.fileName, #"{"name": "k", "defaultLanguage": "sv", "slides": []}"#)
        let second = ProgramLoader.load(config, previous: first.program)
        #expect(second.program.slides.isEmpty)
    }

    @Test("a channel's schedule defaults fill in what its slides leave open, and no more")
    func channelDefaults() throws {
        let playlist = PlaylistFixture.make(slides: [
            Self.notice("open"),
            #"{"id": "own", "template": "notice", "title": "T", "body": "B", "schedule": {"weekdays": ["sat"]}}"#,
        ])
        let folder = TemporaryFolder()
        let file = folder.write(
            "config.json",
            #"""
            {"id": "k", "channels": [{"name": "kommun", "folder": "\#(playlist.url.path)",
              "defaults": {"weekdays": ["mon", "tue", "wed", "thu", "fri"], "times": [{"from": "07:00", "to": "19:00"}]}}]}
            """#)
        let config = try KioskConfig.load(from: file)
        let slides = ProgramLoader.load(config).program.slides
        let open = try #require(slides.first { $0.slide.id == "open" })
        let own = try #require(slides.first { $0.slide.id == "own" })
        #expect(open.schedule.weekdays == [.mon, .tue, .wed, .thu, .fri])
        #expect(open.schedule.windows.count == 1)
        #expect(own.schedule.weekdays == [.sat], "the slide's own weekdays win")
        #expect(own.schedule.windows.count == 1, "the times it left open come from the channel")
        // Tuesday 1 December 2026 at 12:00 and 20:00 in Stockholm.
        let local = PlanFixtures.local
        #expect(open.schedule.isActive(at: PlanFixtures.at("2026-12-01T12:00"), in: local))
        #expect(!open.schedule.isActive(at: PlanFixtures.at("2026-12-01T20:00"), in: local))
        #expect(!own.schedule.isActive(at: PlanFixtures.at("2026-12-01T12:00"), in: local))
    }
}
