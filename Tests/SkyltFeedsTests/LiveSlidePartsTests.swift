import SkyltCore
import Testing

@testable import SkyltFeeds

@Suite("Cleaning operators' texts for slides")
struct LiveSlidePartsTests {
    @Test("control characters and line breaks become one space; blank text is none")
    func controlCharacters() {
        #expect(
            FeedText.field("Ljungby\u{1B}[2J\n resecentrum\u{202E} ", limit: .line) == "Ljungby[2J resecentrum")
        #expect(FeedText.field(" \u{7}\t", limit: .line) == nil)
        #expect(FeedText.field(nil, limit: .line) == nil)
    }

    @Test("an over-long text is cut to its cap with an ellipsis, and then passes the reader's check")
    func cap() throws {
        let long = String(repeating: "Å", count: 300)
        let cut = try #require(FeedText.field(long, limit: .label))
        #expect(cut.count == 100)
        #expect(cut.hasSuffix("…"))
        #expect(FeedText.field("145", limit: .label) == "145")
    }

    @Test("a character of stacked combining marks is cut to its base, short or long, so the reader takes it")
    func stackedMarks() throws {
        let zalgo = "B" + String(repeating: "\u{0301}", count: 40) + "uss 12"
        let cleaned = try #require(FeedText.field(zalgo, limit: .label))
        #expect(cleaned == "Buss 12")
        let long = String(repeating: "a" + String(repeating: "\u{0308}", count: 9), count: 300)
        let cut = try #require(FeedText.field(long, limit: .label))
        #expect(cut.count == 100)
        #expect(cut.allSatisfy { $0.unicodeScalars.count <= TextLimit.maxScalarsPerCharacter })
        #expect(FeedText.field("e\u{0301}\u{0323}", limit: .label) == "e\u{0301}\u{0323}")
    }

    @Test("coordinates are plain decimals with at most the decimals asked")
    func coordinates() {
        #expect(LiveSlideParts.coordinate(59.913868, decimals: 4) == "59.9139")
        #expect(LiveSlideParts.coordinate(10.75, decimals: 4) == "10.75")
        #expect(LiveSlideParts.coordinate(-0.00004, decimals: 4) == "0")
        #expect(LiveSlideParts.coordinate(-70.123456789, decimals: 6) == "-70.123457")
        #expect(LiveSlideParts.coordinate(18, decimals: 6) == "18")
    }

    @Test("Trafiklab's wall-clock times are Swedish time, in winter and in summer; an offset wins")
    func swedishTime() {
        #expect(TrafiklabSource.swedishTime("2026-11-28T10:05:00") == ISO8601.parse("2026-11-28T09:05:00Z"))
        #expect(TrafiklabSource.swedishTime("2026-07-01T10:05") == ISO8601.parse("2026-07-01T08:05:00Z"))
        #expect(TrafiklabSource.swedishTime("2026-11-28T10:05:00Z") == ISO8601.parse("2026-11-28T10:05:00Z"))
        #expect(TrafiklabSource.swedishTime("2026-11-28T25:05:00") == nil)
        #expect(TrafiklabSource.swedishTime("snart") == nil)
    }
}
