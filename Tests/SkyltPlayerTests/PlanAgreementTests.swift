import Foundation
import SkyltCore
import SkyltPlayer
import SkyltTestSupport
import Testing

/// The player and `skylt plan` run the same planner the same way: hours of the real play loop
/// on a manual clock, slot by slot against the dry run of the same hours.
@Suite("Play loop and plan agree")
struct PlanAgreementTests {
    typealias F = PlanFixtures

    /// One slot: the slide's key (nil for a dark or no-content screen), language, start, end.
    struct Slot: Equatable, CustomStringConvertible {
        var key: String?
        var language: String?
        var start: Date
        var end: Date

        static func == (a: Slot, b: Slot) -> Bool {
            a.key == b.key && a.language == b.language && abs(a.start.timeIntervalSince(b.start)) < 1e-3
                && abs(a.end.timeIntervalSince(b.end)) < 1e-3
        }

        var description: String { "\(key ?? "-") \(language ?? "-") \(start.timeIntervalSince(LoopRig.saturday))" }
    }

    static func translated(_ slide: ProgramSlide) -> ProgramSlide {
        var slide = slide
        let text = LocalizedText(["sv": slide.slide.id, "en": slide.slide.id + " (en)"])
        slide.slide.content = .notice(title: text, body: text, qr: nil, issuer: nil)
        return slide
    }

    /// Normal slides of 7–15 s in two channels, some translated; a notice valid all along, one
    /// whose window opens at 10:30, a slide whose schedule starts at 11:15; closing at 12:30.
    static func program() -> Program {
        var slides: [ProgramSlide] = []
        for index in 0..<6 {
            let slide = F.slide("n\(index)", channel: index % 2 == 0 ? "main" : "club", seconds: Double(7 + index * 2))
            slides.append(index % 2 == 0 ? translated(slide) : slide)
        }
        slides.append(translated(F.slide("water", seconds: 10, urgent: true)))
        slides.append(
            F.slide("storm", seconds: 12, urgent: true, schedule: Schedule(windows: [F.window("10:30", "11:00")])))
        slides.append(F.slide("late", seconds: 9, schedule: Schedule(validFrom: F.at("2026-12-05T11:15"))))
        return Program(slides: slides)
    }

    @Test("three hours with notices arriving and schedules starting: the same slots as skylt plan")
    func agree() throws {
        let program = Self.program()
        let arrived = Program(slides: program.slides + [F.slide("fire", seconds: 8, urgent: true)])
        let hours = OpeningHours(weekly: [.sat: [F.window("09:00", "12:30")]])
        let planner = F.planner(openingHours: hours, languages: ["sv", "en"])
        let clock = ManualClock(start: LoopRig.saturday)
        let store = ProgramStore(program)
        let rig = LoopRig(
            program, exitAfter: 3 * 3600, screen: RecordingScreen(eventPollIntervalSeconds: 1, clock: clock),
            clock: clock, store: store, planner: planner)
        // The new notice arrives, as a sync would bring it, at 11:40 or within a second after.
        let arrival = F.at("2026-12-05T11:40")
        rig.observer.onEvent = { event in
            if case .heartbeat = event, clock.date >= arrival, store.current().0 != arrived {
                store.replace(with: arrived)
            }
        }
        #expect(rig.loop.run())
        let noticed = try #require(rig.loop.plays.arrived["main/fire"])
        #expect(noticed >= arrival && noticed < arrival.addingTimeInterval(1.5))

        var simulator = PlanSimulator(planner: planner)
        simulator.arrivals = [(noticed, arrived)]
        var entries: [PlanEntry] = []
        _ = simulator.run(program, from: LoopRig.saturday, to: LoopRig.saturday.addingTimeInterval(3 * 3600)) {
            entries.append($0)
        }
        let planned = entries.map {
            Slot(
                key: $0.slide == nil ? nil : "\($0.channel ?? "")/\($0.slide!)", language: $0.language,
                start: $0.start, end: $0.end)
        }
        let shown = rig.observer.finished.dropLast().map {
            Slot(
                key: $0.shown.key, language: $0.shown.key == nil ? nil : $0.shown.language, start: $0.shown.start,
                end: $0.shown.start.addingTimeInterval($0.seconds))
        }
        #expect(shown.count > 500)
        #expect(shown.count <= planned.count)
        for (index, (screen, plan)) in zip(shown, planned).enumerated() where screen != plan {
            Issue.record("slot \(index): the screen showed \(screen), the plan says \(plan)")
            break
        }
        // What the stretch held: cuts as the window opens and as the notice arrives, and closing.
        let cuts = entries.prefix(shown.count).filter { $0.reason.hasSuffix("cut short: an urgent notice") }
        #expect(cuts.map(\.end) == [F.at("2026-12-05T10:30"), noticed], "\(cuts.map(\.end))")
        #expect(entries.contains { $0.reason.hasSuffix("cut short: closing time") })
        #expect(shown.contains { $0.key == "main/storm" } && shown.contains { $0.key == "main/fire" })
        #expect(shown.contains { $0.key == "main/late" } && rig.observer.shown.last?.dark == true)
        #expect(shown.contains { $0.key == "main/water" && $0.language == "en" })
    }
}
