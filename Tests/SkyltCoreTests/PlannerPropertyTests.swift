import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// Invariants of the planner over generated playlists, clocks and opening hours. Each seed
/// makes a different kiosk; the same seed always makes the same one.
@Suite("Planner: properties over generated playlists")
struct PlannerPropertyTests {
    typealias F = PlanFixtures
    static let seeds: [UInt64] = [1, 2, 3, 5, 8, 13, 21, 34]
    static let start = F.at("2026-03-28T18:00")  // spans the spring DST change
    static let hours = 14.0

    struct Kiosk {
        var slides: [ProgramSlide]
        var planner: Planner
    }

    static func kiosk(seed: UInt64) -> Kiosk {
        var random = SeededRandom(seed: seed)
        let channels = (0..<Int.random(in: 2...5, using: &random)).map { "ch\($0)" }
        var slides: [ProgramSlide] = []
        for channel in channels {
            for index in 0..<Int.random(in: 1...12, using: &random) {
                var schedule = Schedule()
                if Bool.random(using: &random) {
                    schedule.validFrom = start.addingTimeInterval(
                        Double.random(in: -3600...(hours * 3600), using: &random).rounded())
                }
                if Bool.random(using: &random) {
                    schedule.validUntil = (schedule.validFrom ?? start).addingTimeInterval(
                        Double.random(in: 600...(hours * 3600), using: &random).rounded())
                }
                if Int.random(in: 0..<4, using: &random) == 0 {
                    schedule.weekdays = Set(Weekday.allCases.filter { _ in Bool.random(using: &random) })
                    if schedule.weekdays!.isEmpty { schedule.weekdays = [.sun] }
                }
                if Int.random(in: 0..<3, using: &random) == 0 {
                    let from = Int.random(in: 0..<24, using: &random)
                    let to = (from + Int.random(in: 1...6, using: &random)) % 24
                    schedule.windows = [F.window(String(format: "%02d:00", from), String(format: "%02d:30", to))]
                }
                let urgent = Int.random(in: 0..<15, using: &random) == 0
                slides.append(
                    F.slide(
                        "\(channel)-\(index)", channel: channel,
                        seconds: Double(Int.random(in: 5...30, using: &random)),
                        urgent: urgent, schedule: schedule))
            }
        }
        let hours = OpeningHours(
            weekly: Dictionary(
                uniqueKeysWithValues: Weekday.allCases.map {
                    ($0, [F.window("07:00", Bool.random(using: &random) ? "23:00" : "02:00")])
                }))
        let planner = F.planner(openingHours: Bool.random(using: &random) ? hours : nil)
        return Kiosk(slides: slides, planner: planner)
    }

    static func plan(_ kiosk: Kiosk) -> [PlanEntry] {
        F.plan(kiosk.slides, from: start, to: start.addingTimeInterval(hours * 3600), planner: kiosk.planner)
    }

    /// Whether a slide's schedule and the opening hours allow it at `date`, computed afresh.
    static func allowed(_ slide: ProgramSlide, at date: Date, planner: Planner) -> Bool {
        let open = planner.settings.openingHours?.state(at: date, in: planner.local).active ?? true
        return open && slide.schedule.isActive(at: date, in: planner.local)
    }

    @Test("nothing plays when expired, outside its window or outside opening hours", arguments: seeds)
    func onlyAllowed(seed: UInt64) {
        let kiosk = Self.kiosk(seed: seed)
        let byID = Dictionary(uniqueKeysWithValues: kiosk.slides.map { ($0.slide.id, $0) })
        for entry in Self.plan(kiosk) {
            guard let id = entry.slide else {
                continue
            }
            let slide = byID[id]!
            let middle = entry.start.addingTimeInterval(entry.end.timeIntervalSince(entry.start) / 2)
            for moment in [entry.start, middle, entry.end.addingTimeInterval(-0.001)] {
                #expect(Self.allowed(slide, at: moment, planner: kiosk.planner), "\(id) at \(moment) (seed \(seed))")
            }
        }
    }

    @Test(
        "a slide plays its full duration unless cut, and an urgent notice cuts only as it becomes valid",
        arguments: seeds)
    func urgentCutsOnlyWhenValid(seed: UInt64) {
        let kiosk = Self.kiosk(seed: seed)
        let byID = Dictionary(uniqueKeysWithValues: kiosk.slides.map { ($0.slide.id, $0) })
        let urgent = kiosk.slides.filter(\.isUrgent)
        let entries = Self.plan(kiosk)
        for (index, entry) in entries.enumerated() where entry.slide != nil && index < entries.count - 1 {
            let length = entry.end.timeIntervalSince(entry.start)
            guard entry.reason.contains("cut short") else {
                #expect(length == byID[entry.slide!]!.slide.durationSeconds, "\(entry.slide!) (seed \(seed))")
                continue
            }
            guard entry.reason.hasSuffix("cut short: an urgent notice") else { continue }
            // An urgent slide allowed from this very moment, and not just before it.
            let before = entry.end.addingTimeInterval(-0.001)
            #expect(!entry.urgent)
            #expect(
                urgent.contains {
                    Self.allowed($0, at: entry.end, planner: kiosk.planner)
                        && !$0.schedule.isActive(at: before, in: kiosk.planner.local)
                }, "\(entry.slide!) cut at \(entry.end) (seed \(seed))")
            #expect(entries[index + 1].urgent, "an urgent notice follows the cut (seed \(seed))")
        }
    }

    @Test("no back-to-back repeat when another slide may play", arguments: seeds)
    func noRepeats(seed: UInt64) {
        let kiosk = Self.kiosk(seed: seed)
        let entries = Self.plan(kiosk)
        for (previous, entry) in zip(entries, entries.dropFirst())
        where entry.slide != nil && entry.slide == previous.slide {
            let others = kiosk.slides.filter {
                $0.slide.id != entry.slide && Self.allowed($0, at: entry.start, planner: kiosk.planner)
                    && $0.isUrgent == entry.urgent
            }
            #expect(
                others.isEmpty,
                "\(entry.slide!) repeated at \(entry.start) with \(others.count) others allowed (seed \(seed))")
        }
    }

    @Test("the same inputs give the same plan", arguments: seeds.prefix(3))
    func deterministic(seed: UInt64) {
        #expect(Self.plan(Self.kiosk(seed: seed)) == Self.plan(Self.kiosk(seed: seed)))
    }

    @Test("over a day, channels stay within their shares and no slide starves", arguments: seeds.prefix(4))
    func sharesAndStarvation(seed: UInt64) {
        var random = SeededRandom(seed: seed &* 7919)
        let policies: [String: ShareTargets.Policy] = [
            "municipality": .init(weight: 1, minShare: 0.25), "offers": .init(weight: 5, maxShare: 0.4),
            "events": .init(weight: Double.random(in: 0.5...2, using: &random)),
        ]
        var slides: [ProgramSlide] = []
        for channel in policies.keys.sorted() {
            for index in 0..<Int.random(in: 1...9, using: &random) {
                slides.append(
                    F.slide(
                        "\(channel)-\(index)", channel: channel, seconds: Double(Int.random(in: 6...20, using: &random))
                    ))
            }
        }
        let planner = F.planner(channels: policies)
        let entries = F.plan(slides, from: F.at("2026-12-01T00:00"), to: F.at("2026-12-02T00:00"), planner: planner)
        var seconds: [String: Double] = [:]
        for entry in entries { seconds[entry.channel!, default: 0] += entry.end.timeIntervalSince(entry.start) }
        let total = seconds.values.reduce(0, +)
        let targets = ShareTargets.compute(policies)
        for (channel, policy) in policies {
            let share = seconds[channel, default: 0] / total
            if let minimum = policy.minShare { #expect(share >= minimum - 0.01, "\(channel) \(share) (seed \(seed))") }
            if let maximum = policy.maxShare { #expect(share <= maximum + 0.01, "\(channel) \(share) (seed \(seed))") }
            #expect(abs(share - targets[channel]!) < 0.02, "\(channel) \(share) vs \(targets[channel]!) (seed \(seed))")
        }
        // Within a channel every slide plays once in each run of as many of the channel's turns.
        for channel in policies.keys {
            let ids = Set(slides.filter { $0.channel == channel }.map(\.slide.id))
            let turns = entries.filter { $0.channel == channel }.map(\.slide!)
            for offset in stride(from: 0, to: max(0, turns.count - ids.count), by: 1) {
                #expect(
                    Set(turns[offset..<(offset + ids.count)]) == ids,
                    "\(channel) starved at turn \(offset) (seed \(seed))")
                if Set(turns[offset..<(offset + ids.count)]) != ids { break }
            }
        }
    }
}
