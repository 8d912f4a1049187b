public import Foundation

/// What the kiosk-wide planning depends on besides the program.
public struct PlanSettings: Sendable, Equatable {
    public var timeZone: TimeZone
    public var languages: [String]
    public var openingHours: OpeningHours?
    public var channels: [String: ShareTargets.Policy]
    /// Channel order from the config, for ties.
    public var channelOrder: [String]
    /// How long the no-content screen stays before the planner is asked again.
    public var noContentSeconds: Double = 30

    public init(
        timeZone: TimeZone, languages: [String], openingHours: OpeningHours? = nil,
        channels: [String: ShareTargets.Policy] = [:], channelOrder: [String] = []
    ) {
        self.timeZone = timeZone
        self.languages = languages
        self.openingHours = openingHours
        self.channels = channels
        self.channelOrder = channelOrder
    }

    public init(config: KioskConfig) {
        self.init(
            timeZone: config.timeZone, languages: config.languages, openingHours: config.openingHours,
            channels: Dictionary(
                config.channels.map {
                    ($0.name, ShareTargets.Policy(weight: $0.weight, minShare: $0.minShare, maxShare: $0.maxShare))
                }, uniquingKeysWith: { a, _ in a }),
            channelOrder: config.channels.map(\.name))
    }
}

/// Remembers, per slide of one program, whether its schedule allows it and the span in which
/// that holds, so that calendars are evaluated only when something can have changed. A memo
/// of a pure function: it never changes what the planner decides. Make a new one for a new
/// program; slides are known by their index in it.
public final class EligibilityCache {
    private var states: [StateSpan?] = []
    private var opening: StateSpan?
    /// Per-slide facts the planner reads at every decision, kept in flat arrays so that a
    /// decision does not copy whole slides.
    struct Table {
        var keys: [String]
        var channels: [String]
        var restricted: [Bool]
        var urgent: [Bool]
    }

    private var cachedTable: Table?

    func table(_ program: Program) -> Table {
        if let cachedTable, cachedTable.keys.count == program.slides.count { return cachedTable }
        let table = Table(
            keys: program.slides.map(\.key), channels: program.slides.map(\.channel),
            restricted: program.slides.map(\.schedule.isRestricted), urgent: program.slides.map(\.isUrgent))
        cachedTable = table
        return table
    }
    /// The earliest change of any slide or of the opening hours, and the moment it was found at.
    private var boundary: (at: Date, next: Date?)?

    public init() {}

    func state(_ index: Int, of program: Program, at now: Date, local: LocalTime) -> StateSpan {
        if states.count != program.slides.count { states = Array(repeating: nil, count: program.slides.count) }
        if let cached = states[index], cached.covers(now) { return cached }
        let fresh = program.slides[index].schedule.state(at: now, in: local)
        states[index] = fresh
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
}

/// Decides what plays when: a pure function of the program, the time, the play history and
/// whether the clock can be trusted. `skylt run` and `skylt plan` both ask it, so the dry run
/// shows what the screen will do.
///
/// The rules, in order:
/// 1. Outside opening hours the screen is off.
/// 2. Only slides whose schedule allows them now may play; with an untrusted clock, only
///    slides without any date or time restriction.
/// 3. While an urgent slide may play, urgent slides fill at least two of every three slots
///    (all of them when nothing else may play), taking turns, least recently shown first.
/// 4. Otherwise the channel furthest below its share of today's screen time plays next, and
///    within it the slide shown least recently; the slide just shown never repeats when
///    anything else may play.
public struct Planner: Sendable {
    public let settings: PlanSettings
    public let local: LocalTime

    public init(settings: PlanSettings) {
        self.settings = settings
        local = LocalTime(timeZone: settings.timeZone)
    }

    /// The indices of the slides that may play at `now`.
    public func eligible(
        _ program: Program, at now: Date, clockTrusted: Bool, excluding: Set<String> = [], cache: EligibilityCache
    ) -> [Int] {
        let table = cache.table(program)
        return program.slides.indices.filter { index in
            if !excluding.isEmpty && excluding.contains(table.keys[index]) { return false }
            if !table.restricted[index] { return true }
            return clockTrusted && cache.state(index, of: program, at: now, local: local).active
        }
    }

    public func isOpen(at now: Date, clockTrusted: Bool, cache: EligibilityCache) -> Bool {
        // With a wrong clock, opening hours cannot be told: the screen stays on.
        guard clockTrusted, let hours = settings.openingHours else { return true }
        return cache.open(hours, at: now, local: local).active
    }

    public func decide(
        _ program: Program, at now: Date, history: PlayHistory, clockTrusted: Bool, excluding: Set<String> = [],
        cache: EligibilityCache
    ) -> Slot {
        if !isOpen(at: now, clockTrusted: clockTrusted, cache: cache) {
            return .closed(until: settings.openingHours?.nextOpening(after: now, in: local))
        }
        let candidates = eligible(program, at: now, clockTrusted: clockTrusted, excluding: excluding, cache: cache)
        guard !candidates.isEmpty else {
            return .noContent(reason: program.slides.isEmpty ? "no content" : "no slide is scheduled now")
        }
        let table = cache.table(program)
        let urgent = candidates.filter { table.urgent[$0] }
        let normal = candidates.filter { !table.urgent[$0] }
        let lastTwoUrgent = history.recent.suffix(2).count == 2 && history.recent.suffix(2).allSatisfy(\.urgent)
        if !urgent.isEmpty && (normal.isEmpty || !lastTwoUrgent) {
            let slide = program.slides[leastRecent(urgent, table: table, history: history)]
            return play(slide, history: history, reason: "urgent notice")
        }
        let untrusted = clockTrusted ? "" : " (clock untrusted: only unscheduled slides)"
        return pickNormal(
            normal, in: program, table: table, history: history,
            reasonSuffix: untrusted + (urgent.isEmpty ? "" : ", between urgent notices"))
    }

    private func play(_ slide: ProgramSlide, history: PlayHistory, reason: String) -> Slot {
        let language = LanguageChoice.language(
            for: slide, play: history.playCount[slide.key, default: 0], display: settings.languages)
        return .slide(slide, language: language, reason: reason)
    }

    /// Least recently shown first (never shown before all), then program order; the slide
    /// just shown goes last when there is another.
    private func leastRecent(_ indices: [Int], table: EligibilityCache.Table, history: PlayHistory) -> Int {
        let lastKey = history.last?.key
        var best = indices[0]
        var bestRank = (true, Date.distantFuture)
        for index in indices {
            let key = table.keys[index]
            let rank = (key == lastKey && indices.count > 1, history.lastShown[key] ?? .distantPast)
            // Not the last one shown first, then the earliest shown; program order breaks ties.
            if (!rank.0 && bestRank.0) || (rank.0 == bestRank.0 && rank.1 < bestRank.1) {
                best = index
                bestRank = rank
            }
        }
        return best
    }

    private func pickNormal(
        _ indices: [Int], in program: Program, table: EligibilityCache.Table, history: PlayHistory, reasonSuffix: String
    ) -> Slot {
        var byChannel: [String: [Int]] = [:]
        for index in indices { byChannel[table.channels[index], default: []].append(index) }
        let targets = ShareTargets.compute(
            byChannel.keys.reduce(into: [:]) { $0[$1] = settings.channels[$1] ?? ShareTargets.Policy() })
        let total = byChannel.keys.reduce(0.0) { $0 + history.channelSeconds[$1, default: 0] }
        let lastKey = history.last?.key
        let rank = Dictionary(settings.channelOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        // Channels whose only slide was just shown step back when another channel can play.
        let channels = byChannel.keys.filter { name in
            !(byChannel[name]!.count == 1 && table.keys[byChannel[name]![0]] == lastKey && byChannel.count > 1)
        }
        func deficit(_ name: String) -> Double {
            targets[name, default: 0] * (total + 1) - history.channelSeconds[name, default: 0]
        }
        let chosen = channels.max { a, b in
            let (da, db) = (deficit(a), deficit(b))
            if abs(da - db) > 1e-9 { return da < db }
            return rank[a, default: Int.max] > rank[b, default: Int.max] || (rank[a] == rank[b] && a > b)
        }!
        let slide = program.slides[leastRecent(byChannel[chosen]!, table: table, history: history)]
        let share = total > 0 ? history.channelSeconds[chosen, default: 0] / total : 0
        let reason =
            "channel \(chosen) at \(Int((share * 100).rounded()))% of screen time today, target "
            + "\(Int((targets[chosen, default: 0] * 100).rounded()))%; its least recently shown slide"
        return play(slide, history: history, reason: reason + reasonSuffix)
    }

    /// Whether what is on screen must give way now, and why: it is no longer allowed, the shop
    /// closed, an urgent slide may play while a normal one shows, or content arrived while the
    /// no-content screen shows.
    public func interruption(
        of current: PlayRecord, _ program: Program, at now: Date, clockTrusted: Bool, excluding: Set<String> = [],
        cache: EligibilityCache
    ) -> String? {
        let open = isOpen(at: now, clockTrusted: clockTrusted, cache: cache)
        if !open { return current.kind == .closed ? nil : "closing time" }
        if current.kind == .closed { return "opening time" }
        let candidates = eligible(program, at: now, clockTrusted: clockTrusted, excluding: excluding, cache: cache)
        guard let key = current.key else { return candidates.isEmpty ? nil : "content to show" }
        let table = cache.table(program)
        if !candidates.contains(where: { table.keys[$0] == key }) { return "its schedule ended" }
        if !current.urgent && candidates.contains(where: { table.urgent[$0] }) { return "an urgent notice" }
        return nil
    }

    /// The next moment after `now` at which any slide's schedule or the opening hours may
    /// change; the player sleeps no longer than this.
    public func nextBoundary(_ program: Program, after now: Date, clockTrusted: Bool, cache: EligibilityCache) -> Date?
    {
        guard clockTrusted else { return nil }
        return cache.nextBoundary(after: now) {
            var next = settings.openingHours.flatMap { cache.open($0, at: now, local: local).until }
            let table = cache.table(program)
            for index in program.slides.indices where table.restricted[index] {
                if let until = cache.state(index, of: program, at: now, local: local).until {
                    next = min(next ?? until, until)
                }
            }
            return next
        }
    }
}
