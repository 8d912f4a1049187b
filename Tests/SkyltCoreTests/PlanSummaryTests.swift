import Foundation
import SkyltCore
import Testing

@Suite("the plan's summary: urgent share and longest waits")
struct PlanSummaryTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func entry(_ from: Double, _ to: Double, _ slide: String?, _ language: String? = "sv", urgent: Bool = false)
        -> PlanEntry
    {
        PlanEntry(
            start: t0 + from, end: t0 + to, slide: slide, channel: slide == nil ? nil : "c",
            language: slide == nil ? nil : language, urgent: urgent, reason: "test")
    }

    func closed(_ from: Double, _ to: Double) -> PlanEntry {
        var entry = entry(from, to, nil)
        entry.closed = true
        return entry
    }

    @Test("the urgent share counts slide time only, and the waits count open time only")
    func sharesAndWaits() {
        var summary = PlanSummary()
        for entry in [
            entry(0, 10, "a"), entry(10, 30, "u", urgent: true), entry(30, 40, nil), closed(40, 1000),
            entry(1000, 1010, "a"), entry(1010, 1020, "u", urgent: true),
        ] {
            summary.add(entry)
        }
        #expect(summary.slideSeconds == 50)
        #expect(summary.urgentSeconds == 30)
        #expect(summary.openSeconds == 60)
        #expect(abs(summary.urgentShare - 0.6) < 1e-9)
        // In open time (the closed night does not count) "a" shows 0–10 and 40–50, so it is
        // away 30 s, then 10 s to the end; "u" shows 10–30 and 50–60: away 10 s, then 20 s.
        #expect(summary.longestWait(.init(slide: "a", language: "sv")) == 30)
        #expect(summary.longestWait(.init(slide: "u", language: "sv")) == 20)
    }

    @Test("the wait from the start of the plan and to its end count too")
    // "a" waits 100 s for its start and 290 s after it to the end; "b" is away only the 10 s
    // that "a" shows (its time on screen is no wait).
    func edges() {
        var summary = PlanSummary()
        summary.add(entry(0, 100, "b"))
        summary.add(entry(100, 110, "a"))
        summary.add(entry(110, 400, "b"))
        #expect(summary.longestWait(.init(slide: "a", language: "sv")) == 290)
        #expect(summary.longestWait(.init(slide: "b", language: "sv")) == 10)
    }

    @Test("a pair the kiosk has but never shows is reported as never")
    func never() {
        let missing = PlanSummary.Key(slide: "a", language: "fa")
        var summary = PlanSummary(expected: [missing])
        summary.add(entry(0, 10, "a", "sv", urgent: true))
        #expect(summary.longestWait(missing) == nil)
        #expect(summary.keys == [missing, .init(slide: "a", language: "sv")])
        #expect(summary.text.contains("a (urgent): fa never, sv 0 s"))
        #expect(summary.text.hasPrefix("open 10 s, slides 10 s, urgent 10 s (100.0% of slide time)"))
    }
}
