import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// A full week of a mixed kiosk, planned and compared slot by slot (through a digest per day)
/// with a recorded plan: speed work must not change a single decision, reason or language.
/// Recorded before the planner was made fast (which left it unchanged), and recorded again,
/// on purpose, when the urgent-notice rules changed what plays.
@Suite("Planner: a golden week")
struct PlannerGoldenWeekTests {
    typealias F = PlanFixtures
    static let monday = F.at("2026-03-23T00:00")  // the week of the spring DST change

    /// Five channels of 24 slides: windows (some across midnight), weekdays, dated ones,
    /// urgent ones, two languages; shares with bounds, a channel without a policy, opening
    /// hours that cross midnight, a closed Sunday and an exception day.
    static func kiosk() -> (program: Program, planner: Planner) {
        var random = SeededRandom(seed: 2026)
        let channels = ["news", "shop", "events", "club", "weather"]
        var slides: [ProgramSlide] = []
        for channel in channels {
            for index in 0..<24 {
                var schedule = Schedule()
                switch Int.random(in: 0..<10, using: &random) {
                case 0..<3:
                    let from = Int.random(in: 0..<24, using: &random)
                    let to = (from + Int.random(in: 1...5, using: &random)) % 24
                    schedule.windows = [F.window(String(format: "%02d:15", from), String(format: "%02d:45", to))]
                case 3: schedule.weekdays = [.mon, .wed, .fri, .sat]
                case 4:
                    schedule.validFrom = monday.addingTimeInterval(Double(Int.random(in: 0..<500_000, using: &random)))
                case 5:
                    schedule.validUntil = monday.addingTimeInterval(Double(Int.random(in: 0..<600_000, using: &random)))
                default: break
                }
                var slide = F.slide(
                    "\(channel)-\(index)", channel: channel, seconds: Double(Int.random(in: 5...40, using: &random)),
                    urgent: index == 7 && channel != "club", schedule: schedule)
                if index % 3 == 0 {
                    slide.slide.content = .notice(
                        title: LocalizedText(["sv": "Notis", "en": "Notice"]), body: LocalizedText(["sv": "Text"]),
                        qr: nil, issuer: nil)
                }
                slides.append(slide)
            }
        }
        var weekly = Dictionary(
            uniqueKeysWithValues: [Weekday.mon, .tue, .wed, .thu].map { ($0, [F.window("07:00", "22:00")]) })
        weekly[.fri] = [F.window("08:00", "01:00")]
        weekly[.sat] = [F.window("09:00", "12:00"), F.window("13:00", "01:30")]
        let hours = OpeningHours(weekly: weekly, exceptions: ["2026-03-25": [F.window("10:00", "14:00")]])
        let settings = PlanSettings(
            timeZone: F.stockholm, languages: ["sv", "en"], openingHours: hours,
            channels: [
                "news": .init(weight: 3, minShare: 0.3), "shop": .init(weight: 2, maxShare: 0.2),
                "events": .init(weight: 1), "club": .init(weight: 1, minShare: 0.1, maxShare: 0.15),
            ],
            channelOrder: ["shop", "news", "club", "events"])
        return (Program(slides: slides), Planner(settings: settings))
    }

    /// FNV-1a, 64 bits: a stable digest of the plan's JSON lines.
    static func digest(_ lines: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for line in lines {
            for byte in line.utf8 + [10] {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        return String(hash, radix: 16)
    }

    /// One line per local day: the date, the number of slots starting on it and their digest.
    static func summary(_ entries: [PlanEntry], label: (Date) -> String) -> [String] {
        var days: [(String, [String])] = []
        for entry in entries {
            let day = label(entry.start)
            if days.last?.0 != day { days.append((day, [])) }
            days[days.count - 1].1.append(entry.jsonLine(timeZone: F.stockholm))
        }
        return days.map { "\($0.0) \($0.1.count) \(digest($0.1))" }
    }

    static func plan(clockTrusted: Bool, days: Int) -> [String] {
        let (program, planner) = kiosk()
        var simulator = PlanSimulator(planner: planner)
        simulator.clockTrusted = clockTrusted
        simulator.excluding = ["shop-5", "weather-11"]
        var entries: [PlanEntry] = []
        _ = simulator.run(program, from: monday, to: monday.addingTimeInterval(Double(days) * 86400)) {
            entries.append($0)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: F.stockholm.identifier)
        formatter.dateFormat = "yyyy-MM-dd"
        return summary(entries) { formatter.string(from: $0) }
    }

    @Test("a week with a trusted clock plans exactly as recorded")
    func trustedWeek() {
        #expect(Self.plan(clockTrusted: true, days: 7) == PlannerGoldenWeek.trusted)
    }

    @Test("two days with an untrusted clock plan exactly as recorded")
    func untrustedDays() {
        #expect(Self.plan(clockTrusted: false, days: 2) == PlannerGoldenWeek.untrusted)
    }
}
