import FoundationEssentials

/// Remembers, per slide of one program, whether its schedule allows it and the span in which
/// that holds, so that calendars are evaluated only when something can have changed; the set
/// of slides allowed, grouped by channel with their share targets, until any of them changes;
/// and when each slide was last shown, following the history record by record. A memo of a
/// pure function: it never changes what the planner decides. Make a new one for a new
/// program; slides are known by their index in it. What depends on the planner's settings is
/// found again when another planner asks.
public final class EligibilityCache {
    private var states: [StateSpan?] = []
    private var opening: StateSpan?
    /// The earliest change of any slide or of the opening hours, and the moment it was found at.
    private var boundary: (at: Date, next: Date?)?
    /// When each state in `states` was found.
    private var foundAt: [Date] = []
    private var cachedTable: PlanTable?
    /// The slides allowed now, kept until a slide's schedule changes.
    var allowed: AllowedSlides? {
        didSet { reasons = [:] }
    }
    /// The reasons given for channels of `allowed`, by channel and share in percent.
    private var reasons: [Int: String] = [:]
    /// When each slide was last shown (distant past: never), as of `shownSerial` on `shownLine`.
    private var shown: [Date] = []
    private weak var shownLine: HistoryLine?
    private var shownSerial = 0
    /// How often each slide was shown, as of the same.
    private(set) var played: [Int] = []
    /// The slides with the key of the history's last record, as of the same.
    private(set) var justShown: [Int] = []
    /// Each channel's seconds of normal screen time today, by channel index, as of the same.
    private(set) var channelSeconds: [Double] = []
    private var accountingDay: Date?

    public init() {}

    func table(_ program: Program, display: [String]) -> PlanTable {
        if let cachedTable, cachedTable.keys.count == program.slides.count, cachedTable.display == display {
            return cachedTable
        }
        let table = PlanTable(program, display: display)
        cachedTable = table
        return table
    }

    func state(_ index: Int, of program: Program, at now: Date, local: LocalTime) -> StateSpan {
        if states.count != program.slides.count {
            states = Array(repeating: nil, count: program.slides.count)
            foundAt = Array(repeating: .distantPast, count: program.slides.count)
        }
        if let cached = states[index], cached.covers(now) { return cached }
        // A slide with the same schedule whose state was found at this very moment has the answer.
        let same = table(program, display: cachedTable?.display ?? []).sameSchedule[index]
        var fresh: StateSpan
        if same != index, foundAt[same] == now, let known = states[same] {
            fresh = known
        } else {
            fresh = program.slides[index].schedule.state(at: now, in: local)
        }
        states[index] = fresh
        foundAt[index] = now
        return fresh
    }

    func open(_ hours: OpeningHours, at now: Date, local: LocalTime) -> StateSpan {
        if let opening, opening.covers(now) { return opening }
        let fresh = hours.state(at: now, in: local)
        opening = fresh
        return fresh
    }

    func nextBoundary(after now: Date, compute: () -> Date?) -> Date? {
        if let boundary, boundary.at <= now, boundary.next.map({ now < $0 }) ?? true { return boundary.next }
        let next = compute()
        boundary = (now, next)
        return next
    }

    /// Brings `lastShown`, `playCount`, `justShown` and `channelSeconds` up to `history`: by its
    /// new records when it continues the history seen before, else by reading it whole.
    func follow(_ history: PlayHistory, table: PlanTable) {
        let line = history.line
        let newer = line.serial - shownSerial
        if shownLine === line, newer >= 0, newer <= history.recent.count, shown.count == table.keys.count,
            channelSeconds.count == table.channelNames.count
        {
            for record in history.recent.suffix(newer) {
                justShown = record.key.flatMap { table.indicesByKey[$0] } ?? []
                for index in justShown {
                    shown[index] = record.start
                    played[index] += 1
                }
            }
            // One record changes its own channel's time, or, on a new day, every channel's.
            if newer == 1 && history.accountingDay == accountingDay {
                if let name = history.last?.channel, let channel = table.channelByName[name] {
                    channelSeconds[channel] = history.channelSeconds[name, default: 0]
                }
            } else if newer > 0 {
                channelSeconds = table.channelNames.map { history.channelSeconds[$0, default: 0] }
            }
        } else {
            shown = table.keys.map { history.lastShown[$0] ?? .distantPast }
            played = table.keys.map { history.playCount[$0, default: 0] }
            justShown = history.last?.key.flatMap { table.indicesByKey[$0] } ?? []
            channelSeconds = table.channelNames.map { history.channelSeconds[$0, default: 0] }
        }
        accountingDay = history.accountingDay
        shownLine = line
        shownSerial = line.serial
    }

    /// The reason for playing from a channel of `allowed`, written once for each share.
    func reason(group: Int, percent: Int, write: () -> String) -> String {
        let key = group * 1000 + percent
        if let known = reasons[key] { return known }
        let reason = write()
        reasons[key] = reason
        return reason
    }

    /// When each slide was last shown (distant past: never), as of the history last followed.
    var lastShown: [Date] { shown }
}
