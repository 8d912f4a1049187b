import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// Named cases of urgent notices: when they cut a slide, and how much of the screen they take.
@Suite("Planner: urgent notices, named cases")
struct PlannerUrgentCaseTests {
    typealias F = PlanFixtures
    static let ten = F.at("2026-12-01T10:00")

    func seconds(_ entries: [PlanEntry], urgent: Bool) -> Double {
        entries.filter { $0.urgent == urgent && $0.slide != nil }.reduce(0) { $0 + $1.end.timeIntervalSince($1.start) }
    }

    func planner(share: Double) -> Planner {
        var settings = F.planner().settings
        settings.urgentShare = share
        return Planner(settings: settings)
    }

    @Test("the editor's case: a notice valid all along never cuts a slide, and takes half the screen")
    func validAllAlong() {
        let slides = [
            F.slide("water", seconds: 10, urgent: true), F.slide("a", seconds: 12), F.slide("b", seconds: 15),
            F.slide("c", seconds: 13),
        ]
        let durations = Dictionary(uniqueKeysWithValues: slides.map { ($0.slide.id, $0.slide.durationSeconds) })
        let entries = F.plan(slides, from: Self.ten, to: Self.ten.addingTimeInterval(3600))
        for entry in entries.dropLast() {
            #expect(!entry.reason.contains("cut short"), "\(entry.slide ?? "-") at \(entry.start): \(entry.reason)")
            #expect(entry.end.timeIntervalSince(entry.start) == durations[entry.slide!])
        }
        let urgent = seconds(entries, urgent: true)
        #expect(urgent <= 0.5 * 3600 + 10)
        #expect(urgent >= 0.4 * 3600, "the notice still shows often: \(urgent) s")
    }

    @Test("two notices take turns with normal slides at half the screen")
    func halfAndTurns() {
        let slides = [F.slide("a", urgent: true), F.slide("b", urgent: true), F.slide("n1"), F.slide("n2")]
        let entries = F.plan(slides, from: Self.ten, to: Self.ten.addingTimeInterval(3600))
        #expect(Array(entries.map(\.urgent).prefix(6)) == [true, false, true, false, true, false])
        #expect(Array(entries.filter(\.urgent).map(\.slide!).prefix(4)) == ["a", "b", "a", "b"])
        #expect(seconds(entries, urgent: true) == 1800)
    }

    @Test("with urgentShare 0.25 a 10 s notice is followed by at least 30 s of normal slides")
    func quarter() {
        let slides = [F.slide("u", urgent: true), F.slide("n1"), F.slide("n2"), F.slide("n3")]
        let entries = F.plan(
            slides, from: Self.ten, to: Self.ten.addingTimeInterval(3600), planner: planner(share: 0.25))
        #expect(Array(entries.map(\.urgent).prefix(8)) == [true, false, false, false, true, false, false, false])
        #expect(seconds(entries, urgent: true) == 900)
    }

    @Test("with urgentShare 1 urgent notices fill the screen while valid")
    func whole() {
        let slides = [F.slide("u", urgent: true), F.slide("v", urgent: true), F.slide("n1")]
        let entries = F.plan(slides, from: Self.ten, to: Self.ten.addingTimeInterval(600), planner: planner(share: 1))
        #expect(entries.allSatisfy { $0.urgent })
    }

    @Test("a notice arriving in the program cuts the slide on screen at that moment")
    func arrives() {
        let long = F.slide("long", seconds: 60)
        let alarm = F.slide("alarm", seconds: 20, urgent: true)
        var simulator = PlanSimulator(planner: F.planner())
        simulator.arrivals = [(Self.ten.addingTimeInterval(7), Program(slides: [long, alarm]))]
        var entries: [PlanEntry] = []
        _ = simulator.run(Program(slides: [long]), from: Self.ten, to: Self.ten.addingTimeInterval(300)) {
            entries.append($0)
        }
        #expect(entries[0].slide == "long" && entries[0].end == Self.ten.addingTimeInterval(7))
        #expect(entries[0].reason.hasSuffix("cut short: an urgent notice"))
        #expect(entries[1].slide == "alarm" && entries[1].start == Self.ten.addingTimeInterval(7))
        // Valid from then on, it cuts nothing more.
        #expect(entries.dropFirst().allSatisfy { !$0.reason.contains("cut short") })
    }

    @Test("a notice that becomes valid just after another one played waits for normal slides to make up")
    func waitsForShare() {
        let first = F.slide("first", seconds: 20, urgent: true)
        let second = F.slide(
            "second", seconds: 10, urgent: true, schedule: Schedule(validFrom: Self.ten.addingTimeInterval(25)))
        let slides = [first, second, F.slide("n1", seconds: 15), F.slide("n2", seconds: 15)]
        let entries = F.plan(slides, from: Self.ten, to: Self.ten.addingTimeInterval(120))
        // first 0–20; n1 20–35 (second valid at 25: 5 s of normal time would not make up
        // for 20 s urgent, so no cut); n2 35–50; then second, never shown before.
        #expect(entries.map(\.slide).prefix(4) == ["first", "n1", "n2", "second"])
        #expect(entries[1].end == Self.ten.addingTimeInterval(35) && !entries[1].reason.contains("cut short"))
        #expect(entries[3].start == Self.ten.addingTimeInterval(50))
    }

    @Test("of two notices that become valid during one slide, the later one cuts once the share allows")
    func laterNoticeCuts() {
        func notice(_ id: String, from seconds: Double) -> ProgramSlide {
            F.slide(id, seconds: 10, urgent: true, schedule: Schedule(validFrom: Self.ten.addingTimeInterval(seconds)))
        }
        let slides = [
            F.slide("first", seconds: 20, urgent: true), notice("a", from: 22), notice("b", from: 45),
            F.slide("n1", seconds: 30), F.slide("n2", seconds: 30),
        ]
        let entries = F.plan(slides, from: Self.ten, to: Self.ten.addingTimeInterval(120))
        // first 0–20; n1 from 20: "a" at 22 finds 2 s of normal time (not enough after 20 s
        // urgent), "b" at 45 finds 25 s (enough): n1 is cut at 45.
        #expect(entries[1].slide == "n1" && entries[1].end == Self.ten.addingTimeInterval(45))
        #expect(entries[1].reason.hasSuffix("cut short: an urgent notice"))
        #expect(entries[2].urgent && entries[2].start == Self.ten.addingTimeInterval(45))
    }

    @Test("a notice whose window opens again the next day cuts again; across midnight it does not")
    func windowsAndMidnight() {
        let daily = F.slide(
            "daily", seconds: 10, urgent: true, schedule: Schedule(windows: [F.window("10:01", "11:00")]))
        let allDays = F.slide(
            "weekly", seconds: 10, urgent: true, schedule: Schedule(weekdays: Set(Weekday.allCases)))
        let entries = F.plan(
            [daily, F.slide("long", seconds: 40)], from: Self.ten, to: Self.ten.addingTimeInterval(86400 + 120))
        let cuts = entries.filter { $0.reason.contains("an urgent notice") }.map(\.end)
        #expect(cuts == [Self.ten.addingTimeInterval(60), Self.ten.addingTimeInterval(86400 + 60)])
        let night = F.plan(
            [allDays, F.slide("long", seconds: 40)], from: F.at("2026-12-01T23:58:55"), to: F.at("2026-12-02T00:02"))
        let midnight = F.at("2026-12-02T00:00")
        #expect(night.contains { !$0.urgent && $0.start < midnight && $0.end > midnight })
        #expect(night.allSatisfy { !$0.reason.contains("cut short") }, "\(night.map(\.reason))")
    }
}
