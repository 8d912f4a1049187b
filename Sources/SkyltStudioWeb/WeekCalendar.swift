import Foundation
import SkyltCore
import SkyltStudio

/// The week plan folded into a grid of local days and wall-clock hours, so that a publisher
/// can read in seconds what a screen does when. Pure: the same plan gives the same grid, and
/// the page only paints it.
struct WeekCalendar: Equatable {
    /// A slide as a cell links it.
    struct SlideRef: Hashable {
        var channel: String
        var slide: String
    }

    /// One hour of one day, as seconds per kind of time: a slot that crosses the hour's end
    /// counts here for its seconds before it and in the next hour for the rest.
    struct Cell: Equatable {
        var closed: TimeInterval = 0
        /// Open, with nothing to show.
        var empty: TimeInterval = 0
        var urgent: TimeInterval = 0
        /// Normal (open, not urgent) slide time per channel.
        var normal: [String: TimeInterval] = [:]
        /// Urgent notices in the order they first play in the hour.
        var urgentSlides: [SlideRef] = []
        /// Normal slides in the order they first play in the hour.
        var slides: [SlideRef] = []

        /// Seconds of the hour the plan covers (none before the plan starts, or in an hour a
        /// change to summer time skips).
        var planned: TimeInterval { closed + empty + urgent + normalSeconds }
        var open: TimeInterval { planned - closed }
        var normalSeconds: TimeInterval { normal.values.reduce(0, +) }
        var isClosed: Bool { planned > 0 && open <= 0 }

        /// Each channel's part of the normal time, largest first; together exactly 1.
        var shares: [(channel: String, share: Double)] {
            let total = normalSeconds
            guard total > 0 else { return [] }
            return normal.map { (channel: $0.key, share: $0.value / total) }.sorted {
                $0.share == $1.share ? $0.channel < $1.channel : $0.share > $1.share
            }
        }

        mutating func add(_ entry: PlanEntry, seconds: TimeInterval) {
            if entry.closed {
                closed += seconds
            } else if let slide = entry.slide, let channel = entry.channel {
                let reference = SlideRef(channel: channel, slide: slide)
                if entry.urgent {
                    urgent += seconds
                    if !urgentSlides.contains(reference) { urgentSlides.append(reference) }
                } else {
                    normal[channel, default: 0] += seconds
                    if !slides.contains(reference) { slides.append(reference) }
                }
            } else {
                empty += seconds
            }
        }
    }

    /// The local days, from the day the plan starts on.
    var days: [Date]
    /// The hours of the day (0–23) the grid has a row for: those open on at least one day.
    var hours: [Int]
    /// `cells[row][day]`, rows as in `hours`.
    var cells: [[Cell]]

    init(plan: WeekPlan, dayCount: Int = 7) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = plan.timeZone
        guard let first = plan.entries.first else {
            (days, hours, cells) = ([], [], [])
            return
        }
        let firstDay = calendar.startOfDay(for: first.start)
        days = (0..<dayCount).compactMap { calendar.date(byAdding: .day, value: $0, to: firstDay) }
        let all = Self.cells(plan.entries, days: days, calendar: calendar)
        hours = (0..<24).filter { hour in all[hour].contains { $0.open > 0 } }
        cells = hours.map { all[$0] }
    }

    /// All 24 wall-clock hours × `days`. Hours are found by the calendar, not by counting
    /// seconds from midnight, so a 23- or 25-hour day moves no later hour; an hour that
    /// happens twice (the October change) holds both.
    static func cells(_ entries: [PlanEntry], days: [Date], calendar: Calendar) -> [[Cell]] {
        var grid = Array(repeating: Array(repeating: Cell(), count: days.count), count: 24)
        let dayIndex = Dictionary(days.enumerated().map { ($0.element, $0.offset) }) { first, _ in first }
        // Entries come in order: the hour found last serves until its end.
        var current: (interval: DateInterval, hour: Int, day: Int?)?
        for entry in entries {
            var moment = entry.start
            while moment < entry.end {
                if current.map({ $0.interval.start <= moment && moment < $0.interval.end }) != true {
                    guard let interval = calendar.dateInterval(of: .hour, for: moment) else { break }
                    let day = dayIndex[calendar.startOfDay(for: moment)]
                    current = (interval, calendar.component(.hour, from: moment), day)
                }
                guard let hour = current else { break }
                let stop = min(entry.end, hour.interval.end)
                if let day = hour.day { grid[hour.hour][day].add(entry, seconds: stop.timeIntervalSince(moment)) }
                moment = stop
            }
        }
        return grid
    }

    /// Whole percentages for `shares` that add up to 100: each share rounded down, then the
    /// points left over to the largest remainders, so that "67 % · 33 %" never reads 101 %.
    static func percents(_ shares: [Double]) -> [Int] {
        let scaled = shares.map { $0 * 100 }
        var result = scaled.map { Int($0.rounded(.down)) }
        let left = 100 - result.reduce(0, +)
        let order = scaled.indices.sorted { scaled[$0] - Double(result[$0]) > scaled[$1] - Double(result[$1]) }
        for index in order.prefix(max(0, left)) { result[index] += 1 }
        return result
    }
}
