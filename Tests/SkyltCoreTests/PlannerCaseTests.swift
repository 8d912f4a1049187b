import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

@Suite("Planner: named cases")
struct PlannerCaseTests {
    typealias F = PlanFixtures

    func playTime(of id: String, in entries: [PlanEntry]) -> Double {
        entries.filter { $0.slide == id }.reduce(0) { $0 + $1.end.timeIntervalSince($1.start) }
    }

    func spans(of id: String, in entries: [PlanEntry]) -> [(Date, Date)] {
        var result: [(Date, Date)] = []
        for entry in entries where entry.slide == id {
            if let last = result.last, last.1 == entry.start {
                result[result.count - 1].1 = entry.end
            } else {
                result.append((entry.start, entry.end))
            }
        }
        return result
    }

    @Test("spring forward: a 01:00–04:00 window plays once, two real hours; 02:30–03:30 is not skipped")
    func springForward() {
        let slides = [
            F.slide("night", schedule: Schedule(windows: [F.window("01:00", "04:00")])),
            F.slide("gap", schedule: Schedule(windows: [F.window("02:30", "03:30")])),
            F.slide("filler"),
        ]
        let entries = F.plan(slides, from: F.at("2026-03-29T00:00"), to: F.at("2026-03-29T06:00"))
        let night = spans(of: "night", in: entries)
        #expect(night.first?.0 ?? .distantPast >= F.at("2026-03-29T01:00"))
        #expect(night.last?.1 ?? .distantFuture <= F.at("2026-03-29T04:00"))
        // 01:00+01:00 to 04:00+02:00 is two real hours; the night slide shares them with the gap
        // slide and the filler, but it never plays outside them.
        #expect(F.at("2026-03-29T04:00").timeIntervalSince(F.at("2026-03-29T01:00")) == 7200)
        let gap = spans(of: "gap", in: entries)
        #expect(!gap.isEmpty, "a window in the hour that does not exist still plays from 03:00")
        #expect(gap.allSatisfy { $0.0 >= F.at("2026-03-29T03:00") && $0.1 <= F.at("2026-03-29T03:30") })
    }

    @Test("fall back: a window in the repeated hour plays once, not twice")
    func fallBack() {
        let slides = [F.slide("early", schedule: Schedule(windows: [F.window("02:30", "03:30")])), F.slide("filler")]
        let from = F.at("2026-10-25T00:00")
        let entries = F.plan(slides, from: from, to: from.addingTimeInterval(6 * 3600))
        let early = spans(of: "early", in: entries)
        let first = early.first!.0
        let last = early.last!.1
        // 02:30+02:00 to 03:30+01:00: one stretch of two real hours, starting at the first 02:30.
        #expect(first >= ISO8601.parse("2026-10-25T02:30:00+02:00")!)
        #expect(last <= ISO8601.parse("2026-10-25T03:30:00+01:00")!)
        #expect(last.timeIntervalSince(first) > 3600 + 60)
        let starts = early.map(\.0)
        #expect(starts.allSatisfy { $0 < ISO8601.parse("2026-10-25T03:30:00+01:00")! })
    }

    @Test("a 22:00–02:00 window on Fridays plays Friday night into Saturday, and not Saturday night")
    func midnightWindow() {
        let late = F.slide("late", schedule: Schedule(weekdays: [.fri], windows: [F.window("22:00", "02:00")]))
        let entries = F.plan([late, F.slide("filler")], from: F.at("2026-12-04T20:00"), to: F.at("2026-12-06T04:00"))
        let lateSpans = spans(of: "late", in: entries)
        #expect(!lateSpans.isEmpty)
        for (start, end) in lateSpans {
            #expect(start >= F.at("2026-12-04T22:00") && end <= F.at("2026-12-05T02:00"))
        }
        #expect(
            lateSpans.contains { $0.0 <= F.at("2026-12-05T01:00") && $0.1 > F.at("2026-12-05T01:00") }
                || lateSpans.contains { $0.1 > F.at("2026-12-05T00:30") })
    }

    @Test("an event that ends mid-slide is cut at its end")
    func eventEndsMidSlide() {
        let event = F.slide("event", seconds: 30, schedule: Schedule(validUntil: F.at("2026-12-12T16:00:05")))
        let entries = F.plan(
            [event, F.slide("filler", seconds: 30)], from: F.at("2026-12-12T15:59:00"), to: F.at("2026-12-12T16:02"))
        let last = entries.last { $0.slide == "event" }!
        #expect(last.end == F.at("2026-12-12T16:00:05"))
        #expect(last.reason.contains("cut short: its schedule ended"))
        #expect(!entries.contains { $0.slide == "event" && $0.start >= F.at("2026-12-12T16:00:05") })
    }

    @Test("an urgent notice that becomes valid cuts the current slide at that moment")
    func urgentInterrupts() {
        let urgent = F.slide(
            "alarm", seconds: 20, urgent: true, schedule: Schedule(validFrom: F.at("2026-12-01T10:00:07")))
        let entries = F.plan(
            [F.slide("long", seconds: 60), urgent], from: F.at("2026-12-01T10:00"), to: F.at("2026-12-01T10:05"))
        #expect(entries[0].slide == "long" && entries[0].end == F.at("2026-12-01T10:00:07"))
        #expect(entries[0].reason.contains("an urgent notice"))
        #expect(entries[1].slide == "alarm" && entries[1].start == F.at("2026-12-01T10:00:07"))
    }

    @Test("outside opening hours the screen is dark; exception dates apply")
    func openingHours() {
        let hours = OpeningHours(
            weekly: [.thu: [F.window("09:00", "18:00")], .fri: [F.window("09:00", "18:00")]],
            exceptions: ["2026-12-24": [F.window("09:00", "13:00")]])
        let planner = F.planner(openingHours: hours)
        let entries = F.plan(
            [F.slide("x")], from: F.at("2026-12-24T08:00"), to: F.at("2026-12-25T10:00"), planner: planner)
        #expect(entries.first?.slide == nil && entries.first?.reason.hasPrefix("closed") == true)
        #expect(entries.first?.end == F.at("2026-12-24T09:00"))
        let open = entries.filter { $0.slide != nil }
        #expect(open.first?.start == F.at("2026-12-24T09:00"))
        #expect(open.last { $0.start < F.at("2026-12-25T00:00") }?.end == F.at("2026-12-24T13:00"))
        // Christmas Day is a Friday, normally open from 09:00.
        #expect(entries.contains { $0.slide != nil && $0.start >= F.at("2026-12-25T09:00") })
        #expect(
            !entries.contains {
                $0.slide != nil && $0.start >= F.at("2026-12-24T13:00") && $0.start < F.at("2026-12-25T09:00")
            })
    }

    @Test("an empty and an all-expired playlist give the no-content screen")
    func emptyAndExpired() {
        let empty = F.plan([], from: F.at("2026-12-01T10:00"), to: F.at("2026-12-01T10:05"))
        #expect(!empty.isEmpty && empty.allSatisfy { $0.slide == nil && $0.reason == "no content" })
        let expired = F.plan(
            [F.slide("old", schedule: Schedule(validUntil: F.at("2026-01-01T00:00")))], from: F.at("2026-12-01T10:00"),
            to: F.at("2026-12-01T10:05"))
        #expect(expired.allSatisfy { $0.slide == nil && $0.reason == "no slide is scheduled now" })
    }

    @Test("with an untrusted clock only slides without dates or times play")
    func untrustedClock() {
        let slides = [
            F.slide("always"), F.slide("dated", schedule: Schedule(validFrom: F.at("2026-01-01T00:00"))),
            F.slide("weekly", schedule: Schedule(weekdays: Set(Weekday.allCases))),
        ]
        let entries = F.plan(slides, from: F.at("2026-12-01T10:00"), to: F.at("2026-12-01T10:10"), clockTrusted: false)
        #expect(Set(entries.compactMap(\.slide)) == ["always"])
        #expect(entries.allSatisfy { $0.reason.contains("clock untrusted") })
    }

    @Test("the clock is untrusted before the build, the last time seen, or a held publication")
    func clockTrust() {
        let build = F.at("2026-11-01T00:00")
        let trust = ClockTrust(buildTime: build, lastSeen: F.at("2026-11-20T12:00"), newestPublication: nil)
        #expect(!trust.trusts(F.at("1970-01-02T00:00")))
        #expect(!trust.trusts(F.at("2026-11-10T00:00")))
        #expect(trust.trusts(F.at("2026-11-20T11:58")), "a small step back (NTP) is tolerated")
        #expect(trust.trusts(F.at("2026-11-24T09:00")))
        let published = ClockTrust(buildTime: build, lastSeen: nil, newestPublication: F.at("2026-11-23T08:00"))
        #expect(!published.trusts(F.at("2026-11-22T00:00")))
        #expect(published.reason.contains("publication"))
    }

    @Test("no slide repeats back to back when another may play")
    func noRepeat() {
        let entries = F.plan(
            [F.slide("a", seconds: 5), F.slide("b", seconds: 50)], from: F.at("2026-12-01T10:00"),
            to: F.at("2026-12-01T11:00"))
        for (x, y) in zip(entries, entries.dropFirst()) { #expect(x.slide != y.slide) }
    }

    @Test("translated slides take turns in the display languages")
    func languages() {
        var slide = F.slide("t")
        slide.slide.content = .notice(
            title: LocalizedText(["sv": "Hej", "en": "Hello"]), body: LocalizedText(["sv": "a", "en": "b"]), qr: nil,
            issuer: nil)
        let entries = F.plan(
            [slide, F.slide("u")], from: F.at("2026-12-01T10:00"), to: F.at("2026-12-01T10:01"),
            planner: F.planner(languages: ["sv", "en"]))
        #expect(entries.filter { $0.slide == "t" }.prefix(3).map(\.language) == ["sv", "en", "sv"])
    }

    @Test("share targets respect minimums and maximums and add up to 1")
    func shareTargets() {
        let targets = ShareTargets.compute([
            "municipality": .init(weight: 1, minShare: 0.25), "offers": .init(weight: 6, maxShare: 0.4),
            "events": .init(weight: 1),
        ])
        #expect(abs(targets.values.reduce(0, +) - 1) < 1e-9)
        #expect(targets["municipality"]! >= 0.25 - 1e-9)
        #expect(targets["offers"]! <= 0.4 + 1e-9)
        #expect(abs(targets["events"]! - 0.35) < 1e-9)
    }
}
