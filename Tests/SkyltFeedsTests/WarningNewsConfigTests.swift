import SkyltCore
import SkyltFeeds
import Testing

@Suite("Warning and news source entries", .timeLimit(.minutes(5)))
struct WarningNewsConfigTests {
    func make(_ type: SourceType, _ fields: [String: JSONValue]) -> (source: (any FeedSource)?, problems: [String]) {
        let sink = ProblemSink(file: "feeds.json")
        let entry = ObjectReader(.object(fields), path: "sources[0]", sink: sink)!
        let source = type.make(entry, settings: FeedFixtures.settings())
        return (source, sink.problems.map(\.field))
    }

    @Test("vma, cap and rss entries make their sources")
    func valid() {
        #expect(make(.vma, ["geocode": .string("0781")]).source is VMASource)
        #expect(make(.vma, ["geocode": .string("0781"), "include": .array([.string("test")])]).source is VMASource)
        #expect(make(.cap, ["url": .string("https://example.org/cap.atom")]).source is CAPSource)
        #expect(
            make(.rss, ["url": .string("https://example.org/news.rss"), "items": .number(20)]).source is NewsSource)
    }

    @Test("wrong fields are reported on their path and make no source")
    func invalid() {
        let badCode = make(.vma, ["geocode": .string("Ljungby")])
        #expect(badCode.source == nil)
        #expect(badCode.problems == ["sources[0].geocode"])
        #expect(make(.vma, [:]).problems == ["sources[0].geocode"])
        let badInclude = make(.cap, ["url": .string("https://example.org/a"), "include": .array([.string("actual")])])
        #expect(badInclude.source == nil)
        #expect(badInclude.problems == ["sources[0].include"])
        #expect(make(.cap, ["url": .string("file:///etc/passwd")]).problems == ["sources[0].url"])
        #expect(
            make(.rss, ["url": .string("https://example.org/a"), "items": .number(21)]).problems == ["sources[0].items"]
        )
        #expect(
            make(.rss, ["url": .string("https://example.org/a"), "items": .number(2.5)]).problems == [
                "sources[0].items"
            ])
    }
}
