import FoundationEssentials
import SkyltCLI
import SkyltCore

extension Bench {
    /// A week of a busy kiosk: 5 channels of 100 slides, a third of them with daily windows,
    /// some on weekdays or dated, a few urgent, shares and opening hours.
    static func planWeek() {
        var random = SystemRandomNumberGenerator()
        let zone = Zone.stockholm
        let local = LocalTime(timeZone: zone)
        let monday = local.startOfDay(ISO8601.parse("2026-11-30T12:00:00+01:00")!)
        var slides: [ProgramSlide] = []
        for channel in 0..<5 {
            for index in 0..<100 {
                var schedule = Schedule()
                switch Int.random(in: 0..<10, using: &random) {
                case 0..<3:
                    let from = Int.random(in: 6...20, using: &random)
                    schedule.windows = [
                        DailyWindow(
                            from: TimeOfDay(hour: from, minute: 0), to: TimeOfDay(hour: (from + 3) % 24, minute: 30))
                    ]
                case 3..<5: schedule.weekdays = [.mon, .wed, .fri, .sat]
                case 5: schedule.validFrom = monday.addingTimeInterval(86400 * 2)
                default: break
                }
                let content = SlideContent.notice(
                    title: LocalizedText(["sv": "Notis"]), body: LocalizedText(["sv": "Text"]), qr: nil, issuer: nil)
                let slide = Slide(
                    id: "s\(index)", durationSeconds: Double(Int.random(in: 6...20, using: &random)),
                    priority: index == 0 && channel == 0 ? .urgent : .normal, content: content, schedule: schedule)
                slides.append(
                    ProgramSlide(
                        slide: slide, channel: "ch\(channel)", defaultLanguage: "sv", theme: .standard, timeZone: zone))
            }
        }
        slides[0].slide.schedule = Schedule(windows: [
            DailyWindow(from: TimeOfDay(hour: 8, minute: 0), to: TimeOfDay(hour: 8, minute: 15))
        ])
        let open = DailyWindow(from: TimeOfDay(hour: 7, minute: 0), to: TimeOfDay(hour: 22, minute: 0))
        var settings = PlanSettings(
            timeZone: zone, languages: ["sv"],
            openingHours: OpeningHours(weekly: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, [open]) })))
        for channel in 0..<5 { settings.channels["ch\(channel)"] = .init(weight: Double(channel + 1)) }
        settings.channels["ch0"]?.minShare = 0.25
        settings.channels["ch4"]?.maxShare = 0.4
        let program = Program(slides: slides)
        // A running studio has its code and the calendar data paged in: one day planned first,
        // by a planner of its own, so that none of its remembered answers is reused.
        _ = PlanSimulator(planner: Planner(settings: settings)).run(
            program, from: monday, to: monday.addingTimeInterval(86400)
        ) { _ in }
        let simulator = PlanSimulator(planner: Planner(settings: settings))
        var slots = 0
        let start = Date()
        _ = simulator.run(program, from: monday, to: monday.addingTimeInterval(7 * 86400)) { _ in
            slots += 1
        }
        let seconds = Date().timeIntervalSince(start)
        Console.out(
            "plan one week, 500 slides in 5 channels: \(NumberText.fixed(seconds * 1000, decimals: 0)) ms"
                + " (\(slots) slots, \(NumberText.fixed(seconds / Double(max(slots, 1)) * 1e6, decimals: 1)) µs a slot)"
        )
    }
}
