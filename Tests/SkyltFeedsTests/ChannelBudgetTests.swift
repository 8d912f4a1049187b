import Foundation
import SkyltBundle
import SkyltCore
import SkyltFeeds
import SkyltTestSupport
import Testing

@Suite("The feeds service keeps a channel within a kiosk's limits", .timeLimit(.minutes(5)))
struct ChannelBudgetTests {
    @Test("a playlist over the reader's size is cut from its heaviest source, never published empty")
    func oversizedPlaylist() throws {
        let fixture = try FeedsFixture()
        try fixture.serve("a", [("mote", "Byamöte", "Tisdag 19.00 i bygdegården")])
        let long = String(repeating: "Långt program för kvällen. ", count: 180)
        try fixture.serve("b", (0..<300).map { ("punkt\($0)", "Punkt \($0)", long) })
        let round = try fixture.service(sources: ["a", "b"]).runOnce()
        let slides = try #require(round.publications.first?.slides)
        #expect(slides > 100 && slides < 300)
        let ids = fixture.publishedIDs()
        #expect(ids.first == "0-mote" && ids.count == slides)
        #expect(ids.dropFirst() == ArraySlice((0..<(slides - 1)).map { "1-punkt\($0)" }))
        #expect(fixture.log.messages.contains { $0.contains("slides dropped") && $0.contains("bytes") })
    }

    @Test("what a source skipped is logged, a link in the reason without its query")
    func skippedLogged() throws {
        let fixture = try FeedsFixture()
        let foreign = """
            <entry><id>urn:foreign</id><title>Varning</title>
            <link rel="alternate" type="application/cap+xml" href="http://127.0.0.1:1/a.xml?key=hemligt"/></entry>
            """
        let broken = "<entry><id>http://127.0.0.1:1/b.xml?key=hemligt</id><title>Varning</title></entry>"
        try Data(CAPFixtures.feed([foreign, broken]).utf8).write(
            to: fixture.folder.file("www").appendingPathComponent("feed.atom"))
        let text = #"""
            {"contact": "drift@ljungby.example.se", "channels": [{"name": "lokalt", "key": "lokalt.key",
             "sources": [{"type": "cap", "url": "\#(fixture.server.baseURL)/feed.atom", "poll": 60}]}]}
            """#
        try Data(text.utf8).write(to: fixture.configFile)
        let service = FeedsService(
            config: try FeedsConfig.load(from: fixture.configFile), keys: ["lokalt": fixture.secret],
            site: fixture.site, state: fixture.state, clock: fixture.clock, logger: Logger(fixture.log))
        #expect(service.runOnce().failures.isEmpty)
        let skipped = fixture.log.messages.filter { $0.contains("skipped:") }
        #expect(skipped.count == 2)
        #expect(skipped.contains { $0.contains("links to another server") })
        #expect(skipped.contains { $0.contains("http://127.0.0.1:1/b.xml") })
        #expect(!fixture.log.messages.contains { $0.contains("hemligt") })
    }
}
