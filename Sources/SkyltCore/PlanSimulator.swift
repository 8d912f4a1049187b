public import FoundationEssentials

/// One slot of a plan: what shows from `start` to `end`, and why.
public struct PlanEntry: Sendable, Equatable {
    public var start: Date
    public var end: Date
    /// nil for the no-content screen and for a dark screen.
    public var slide: String?
    public var channel: String?
    public var language: String?
    public var urgent: Bool
    public var reason: String
    /// Whether the screen is dark for opening hours, not merely without content.
    public var closed = false

    public init(
        start: Date, end: Date, slide: String?, channel: String?, language: String?, urgent: Bool, reason: String,
        closed: Bool = false
    ) {
        self.start = start
        self.end = end
        self.slide = slide
        self.channel = channel
        self.language = language
        self.urgent = urgent
        self.reason = reason
        self.closed = closed
    }

    /// One JSON object on one line, as `skylt plan` prints it, times with the zone's offset.
    public func jsonLine(timeZone: Zone) -> String {
        func stamp(_ date: Date) -> String {
            date.formatted(
                Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: timeZone.fixedTimeZone(at: date)))
        }
        func quote(_ text: String?) -> String {
            guard let text else { return "null" }
            var escaped = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": escaped += "\\\""
                case "\\": escaped += "\\\\"
                case "\n": escaped += "\\n"
                case let c where c.value < 0x20:
                    escaped += "\\u00" + (c.value < 0x10 ? "0" : "") + String(c.value, radix: 16)
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            return "\"\(escaped)\""
        }
        return
            "{\"start\":\(quote(stamp(start))),\"end\":\(quote(stamp(end))),\"slide\":\(quote(slide)),\"channel\":\(quote(channel)),\"language\":\(quote(language)),\"urgent\":\(urgent),\"reason\":\(quote(reason))}"
    }
}

/// Runs the planner over a span of time without a screen: the dry run behind `skylt plan`,
/// and the engine of the planner's tests. Slots follow the same rules as the player's: a slide
/// plays its duration unless an urgent slide that just became valid, the end of its schedule
/// or closing time cuts it.
public struct PlanSimulator {
    public let planner: Planner
    public var clockTrusted = true
    /// Slides that cannot be drawn, which the player skips.
    public var excluding: Set<String> = []
    /// Programs that replace the one being planned at the given moments, as a sync replaces
    /// the player's: what the player does when content arrives while it plays.
    public var arrivals: [(at: Date, program: Program)] = []

    public init(planner: Planner) { self.planner = planner }

    /// The program, its cache and the arrivals still ahead, as the run goes on.
    private struct Course {
        var program: Program
        var cache = EligibilityCache()
        var pending: [(at: Date, program: Program)]

        /// Takes the arrivals due by `now` into the program and `history`.
        mutating func arrive(by now: Date, history: inout PlayHistory) {
            while let next = pending.first, next.at <= now {
                pending.removeFirst()
                program = next.program
                cache = EligibilityCache()
                history.arrive(Set(program.slides.map(\.key)), at: next.at)
            }
        }
    }

    public func run(
        _ program: Program, from: Date, to: Date, history start: PlayHistory = PlayHistory(),
        maxEntries: Int = 1_000_000, emit: (PlanEntry) -> Void
    ) -> PlayHistory {
        var history = start
        var course = Course(program: program, pending: arrivals.sorted { $0.at < $1.at })
        var now = from
        var count = 0
        while now < to && count < maxEntries {
            course.arrive(by: now, history: &history)
            let slot = planner.decide(
                course.program, at: now, history: history, clockTrusted: clockTrusted, excluding: excluding,
                cache: course.cache)
            var entry = entry(for: slot, at: now, until: to)
            var record = PlayRecord(slot, start: now, seconds: 0)
            cut(&entry, record, course: &course, history: &history)
            entry.end = min(entry.end, to)
            record.seconds = entry.end.timeIntervalSince(entry.start)
            emit(entry)
            history.record(record, in: planner.local)
            now = entry.end
            count += 1
        }
        return history
    }

    /// Cuts the slot at the first boundary (a schedule's or the opening hours' change, or an
    /// arrival) where what shows must give way.
    private func cut(_ entry: inout PlanEntry, _ record: PlayRecord, course: inout Course, history: inout PlayHistory) {
        var moment = entry.start
        while true {
            let change = planner.nextBoundary(
                course.program, after: moment, clockTrusted: clockTrusted, cache: course.cache)
            var boundary = change ?? .distantFuture
            if let arrival = course.pending.first?.at { boundary = min(boundary, arrival) }
            guard boundary < entry.end else { return }
            course.arrive(by: boundary, history: &history)
            if let why = planner.interruption(
                of: record, course.program, at: boundary, history: history, clockTrusted: clockTrusted,
                excluding: excluding, cache: course.cache)
            {
                entry.end = boundary
                entry.reason += "; cut short: \(why)"
                return
            }
            moment = boundary
        }
    }

    /// The plan entry of `slot` from `now`, at its full length.
    private func entry(for slot: Slot, at now: Date, until end: Date) -> PlanEntry {
        switch slot {
        case .slide(let slide, let language, let reason):
            PlanEntry(
                start: now, end: now.addingTimeInterval(slide.slide.durationSeconds), slide: slide.slide.id,
                channel: slide.channel, language: language, urgent: slide.isUrgent, reason: reason)
        case .closed(let until):
            PlanEntry(
                start: now, end: until ?? end, slide: nil, channel: nil, language: nil, urgent: false,
                reason: "closed: outside opening hours", closed: true)
        case .identify, .noContent:
            PlanEntry(
                start: now, end: now.addingTimeInterval(planner.settings.noContentSeconds), slide: nil, channel: nil,
                language: nil, urgent: false, reason: slot.reason)
        }
    }
}
