import Foundation
import SkyltCore
import SkyltFeeds
import SkyltTestSupport
import Testing

/// Python's icalendar and recurring-ical-events, an expansion written independently of libical.
enum PythonCalendar {
    static let script = Repository.root.appendingPathComponent("Tests/Calendar/expand.py")

    static let available: Bool = {
        let result = try? ExternalTool.run(["python3", "-c", "import icalendar, recurring_ical_events"])
        return result?.status == 0
    }()
}

@Suite("Calendar cross-check with Python", .timeLimit(.minutes(5)))
struct CalendarCrossCheckTests {
    struct Row: Hashable, CustomStringConvertible {
        var uid, starts, ends: String
        var description: String { "\(uid) \(starts)–\(ends)" }
    }

    @Test(
        "a year of the fixture expands to the same occurrences as recurring-ical-events",
        .enabled(
            if: PythonCalendar.available,
            "python3 lacks icalendar or recurring-ical-events (pip install icalendar recurring-ical-events)"))
    func sameAsPython() throws {
        let file = Repository.fixtures.appendingPathComponent("calendar/association.ics")
        let (from, to) = ("2026-06-01T00:00:00+00:00", "2027-06-01T00:00:00+00:00")
        let result = try ExternalTool.run([
            "python3", PythonCalendar.script.path, file.path, from, to, "Europe/Stockholm",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try JSONDecoder().decode([[String]].self, from: Data(result.stdout.utf8))
        let python = Set(rows.map { Row(uid: $0[0], starts: $0[1], ends: $0[2]) })
        let text = try String(contentsOf: file, encoding: .utf8)
        let window = CalendarSensorTesting.date(from)..<CalendarSensorTesting.date(to)
        let expansion = try #require(CalendarExpansion.expand(text, window: window, floating: .stockholm))
        let ours = Set(
            expansion.occurrences.map {
                Row(uid: $0.uid, starts: ISO8601.format($0.starts), ends: ISO8601.format($0.ends))
            })
        #expect(python.count == 30)
        #expect(ours.subtracting(python).sorted { $0.description < $1.description } == [])
        #expect(python.subtracting(ours).sorted { $0.description < $1.description } == [])
        #expect(expansion.skipped.isEmpty)
    }
}
