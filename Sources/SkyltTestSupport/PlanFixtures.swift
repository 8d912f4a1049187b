public import Foundation
public import SkyltCore

/// Programs and dates for planner tests, built in code.
public enum PlanFixtures {
    public static let stockholm = Zone.stockholm
    public static let local = LocalTime(timeZone: stockholm)

    /// A local time in Stockholm: "2026-03-29T01:30".
    public static func at(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: stockholm.identifier)
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        return formatter.date(from: text.count == 16 ? text + ":00" : text)!
    }

    /// A notice slide: cheap to plan, with any schedule and priority.
    public static func slide(
        _ id: String, channel: String = "main", seconds: Double = 10, urgent: Bool = false,
        schedule: Schedule = .always
    ) -> ProgramSlide {
        ProgramSlide(
            slide: Slide(
                id: id, durationSeconds: seconds, priority: urgent ? .urgent : .normal,
                content: .notice(
                    title: LocalizedText(["sv": id]), body: LocalizedText(["sv": id]), qr: nil, issuer: nil),
                schedule: schedule),
            channel: channel, defaultLanguage: "sv", theme: .standard, timeZone: stockholm)
    }

    public static func window(_ from: String, _ to: String) -> DailyWindow {
        DailyWindow(from: TimeOfDay(from)!, to: TimeOfDay(to)!)
    }

    public static func planner(
        openingHours: OpeningHours? = nil, channels: [String: ShareTargets.Policy] = [:], languages: [String] = ["sv"]
    ) -> Planner {
        Planner(
            settings: PlanSettings(
                timeZone: stockholm, languages: languages, openingHours: openingHours, channels: channels,
                channelOrder: channels.keys.sorted()))
    }

    public static func plan(
        _ slides: [ProgramSlide], from: Date, to: Date, planner: Planner = planner(), clockTrusted: Bool = true
    ) -> [PlanEntry] {
        var simulator = PlanSimulator(planner: planner)
        simulator.clockTrusted = clockTrusted
        var entries: [PlanEntry] = []
        _ = simulator.run(Program(slides: slides), from: from, to: to) { entries.append($0) }
        return entries
    }
}

/// A small, fast, seeded random generator (SplitMix64), so that generated tests are
/// reproducible: the same seed gives the same playlists.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
