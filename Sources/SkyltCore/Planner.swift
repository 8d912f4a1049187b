public import FoundationEssentials

/// What the kiosk-wide planning depends on besides the program.
public struct PlanSettings: Sendable, Equatable {
    public var timeZone: Zone
    public var languages: [String]
    public var openingHours: OpeningHours?
    public var channels: [String: ShareTargets.Policy]
    /// Channel order from the config, for ties.
    public var channelOrder: [String]
    /// How long the no-content screen stays before the planner is asked again.
    public var noContentSeconds: Double = 30
    /// The most of the screen time urgent notices take while normal slides may also play
    /// (0.1...1): after an urgent notice of u seconds, normal slides play for at least
    /// u × (1 − share) / share seconds before the next one.
    public var urgentShare = 0.5

    public init(
        timeZone: Zone, languages: [String], openingHours: OpeningHours? = nil,
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
        urgentShare = config.urgentShare
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
/// 3. While an urgent slide may play, urgent slides take turns, least recently shown first,
///    each time normal slides have made up for the last urgent one's time so that urgent
///    notices keep to `urgentShare` of the screen (all of it when nothing else may play). An
///    urgent slide cuts a normal one only at the moment it becomes valid.
/// 4. Otherwise the channel furthest below its share of today's screen time plays next, and
///    within it the slide shown least recently; the slide just shown never repeats when
///    anything else may play.
public struct Planner: Sendable {
    public let settings: PlanSettings
    public let local: LocalTime
    /// Tells this planner's settings apart in a cache.
    let identity = PlannerIdentity()

    public init(settings: PlanSettings) {
        self.settings = settings
        local = LocalTime(timeZone: settings.timeZone)
    }

    /// The indices of the slides that may play at `now`.
    public func eligible(
        _ program: Program, at now: Date, clockTrusted: Bool, excluding: Set<String> = [], cache: EligibilityCache
    ) -> [Int] {
        allowed(program, at: now, clockTrusted: clockTrusted, excluding: excluding, cache: cache).indices
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
        let allowed = allowed(program, at: now, clockTrusted: clockTrusted, excluding: excluding, cache: cache)
        guard !allowed.indices.isEmpty else {
            return .noContent(reason: program.slides.isEmpty ? "no content" : "no slide is scheduled now")
        }
        let table = cache.table(program, display: settings.languages)
        cache.follow(history, table: table)
        if !allowed.urgent.isEmpty && (allowed.groups.isEmpty || urgentTurn(after: history.recent[...])) {
            let index = leastRecent(allowed.urgent, table: table, history: history, cache: cache)
            return play(index, in: program, table: table, cache: cache, reason: "urgent notice")
        }
        let untrusted = clockTrusted ? "" : " (clock untrusted: only unscheduled slides)"
        return pickNormal(
            allowed.groups, in: program, table: table, history: history, cache: cache,
            reasonSuffix: untrusted + (allowed.urgent.isEmpty ? "" : ", between urgent notices"))
    }

    /// The slide in the language its turn comes to, by how often it was shown.
    private func play(_ index: Int, in program: Program, table: PlanTable, cache: EligibilityCache, reason: String)
        -> Slot
    {
        let slide = program.slides[index]
        let offered = table.offered[index]
        let language = offered[cache.played[index] % offered.count]
        return .slide(slide, language: language, reason: reason)
    }

    /// Least recently shown first (never shown before all), then program order; the slide
    /// just shown goes last when there is another.
    private func leastRecent(_ indices: [Int], table: PlanTable, history: PlayHistory, cache: EligibilityCache) -> Int {
        guard indices.count > 1 else { return indices[0] }
        let justShown = cache.justShown
        let shown = cache.lastShown
        var best = -1
        var bestShown = Date.distantFuture
        // The earliest shown that was not just shown; program order breaks ties.
        for index in indices where !justShown.contains(index) && (best < 0 || shown[index] < bestShown) {
            best = index
            bestShown = shown[index]
        }
        guard best < 0 else { return best }
        // Every one of them was just shown (slides sharing a key): the earliest shown of all.
        for index in indices where best < 0 || shown[index] < bestShown {
            best = index
            bestShown = shown[index]
        }
        return best
    }

    private func pickNormal(
        _ groups: [ChannelGroup], in program: Program, table: PlanTable,
        history: PlayHistory, cache: EligibilityCache, reasonSuffix: String
    ) -> Slot {
        let seconds = cache.channelSeconds
        var total = 0.0
        for group in groups { total += seconds[group.channel] }
        let lastKey = history.last?.key
        func deficit(_ group: Int) -> Double { groups[group].target * (total + 1) - seconds[groups[group].channel] }
        // The channel furthest below its target; on a tie, the earlier in the config's order.
        var chosen: (group: Int, deficit: Double)?
        for group in groups.indices {
            // A channel whose only slide was just shown steps back when another channel can play.
            let indices = groups[group].indices
            if indices.count == 1 && table.keys[indices[0]] == lastKey && groups.count > 1 { continue }
            let candidate = (group: group, deficit: deficit(group))
            guard let best = chosen else {
                chosen = candidate
                continue
            }
            let ahead: Bool
            if abs(best.deficit - candidate.deficit) > 1e-9 {
                ahead = best.deficit < candidate.deficit
            } else {
                let (rb, rc) = (groups[best.group].rank, groups[candidate.group].rank)
                ahead = rb > rc || (rb == rc && groups[best.group].name > groups[candidate.group].name)
            }
            if ahead { chosen = candidate }
        }
        let group = groups[chosen!.group]
        let index = leastRecent(group.indices, table: table, history: history, cache: cache)
        let share = total > 0 ? seconds[group.channel] / total : 0
        let percent = Int((share * 100).rounded())
        let reason = cache.reason(group: chosen!.group, percent: percent) {
            "channel \(group.name) at \(percent)% of screen time today, target "
                + "\(Int((group.target * 100).rounded()))%; its least recently shown slide" + reasonSuffix
        }
        return play(index, in: program, table: table, cache: cache, reason: reason)
    }

    /// Whether what is on screen must give way now, and why: it is no longer allowed, the shop
    /// closed, an urgent slide became valid (by its schedule or by arriving, as `history`
    /// remembers) after the normal one on screen started and its share lets it play, or content
    /// arrived while the no-content screen shows. An urgent slide valid all along never cuts.
    public func interruption(
        of current: PlayRecord, _ program: Program, at now: Date, history: PlayHistory, clockTrusted: Bool,
        excluding: Set<String> = [], cache: EligibilityCache
    ) -> String? {
        let open = isOpen(at: now, clockTrusted: clockTrusted, cache: cache)
        if !open { return current.kind == .closed ? nil : "closing time" }
        if current.kind == .closed { return "opening time" }
        let allowed = allowed(program, at: now, clockTrusted: clockTrusted, excluding: excluding, cache: cache)
        guard let key = current.key else { return allowed.indices.isEmpty ? nil : "content to show" }
        let table = cache.table(program, display: settings.languages)
        if !(table.indicesByKey[key] ?? []).contains(where: { allowed.isAllowed[$0] }) { return "its schedule ended" }
        guard !current.urgent, !allowed.urgent.isEmpty,
            let valid = latestValid(
                allowed.urgent, after: current.start, program, at: now, history: history, clockTrusted: clockTrusted,
                table: table, cache: cache)
        else { return nil }
        // The share as it stood when the notice became valid, so that the answer is the same at
        // whichever later moment the player wakes to ask.
        let before = history.recent.filter { $0.start < current.start }
        return urgentTurn(after: before[...], normalSeconds: valid.timeIntervalSince(current.start))
            ? "an urgent notice" : nil
    }

    /// The next moment after `now` at which any slide's schedule or the opening hours may
    /// change; the player sleeps no longer than this.
    public func nextBoundary(_ program: Program, after now: Date, clockTrusted: Bool, cache: EligibilityCache) -> Date?
    {
        guard clockTrusted else { return nil }
        return cache.nextBoundary(after: now) {
            var next = settings.openingHours.flatMap { cache.open($0, at: now, local: local).until }
            let table = cache.table(program, display: settings.languages)
            for index in program.slides.indices where table.restricted[index] {
                if let until = cache.state(index, of: program, at: now, local: local).until {
                    next = min(next ?? until, until)
                }
            }
            return next
        }
    }
}

extension Planner {
    /// The slides that may play at `now`, from the cache while no schedule has changed since
    /// they were found; found afresh, with the span in which they hold, when one has.
    func allowed(
        _ program: Program, at now: Date, clockTrusted: Bool, excluding: Set<String>, cache: EligibilityCache
    ) -> AllowedSlides {
        let question = AllowedSlides.Question(clockTrusted: clockTrusted, excluding: excluding, planner: identity)
        if let allowed = cache.allowed, allowed.holds(at: now, for: question) {
            return allowed
        }
        let table = cache.table(program, display: settings.languages)
        var since = Date.distantPast
        var until: Date?
        var indices: [Int] = []
        for index in program.slides.indices {
            if !excluding.isEmpty && excluding.contains(table.keys[index]) { continue }
            guard table.restricted[index] else {
                indices.append(index)
                continue
            }
            guard clockTrusted else { continue }
            let state = cache.state(index, of: program, at: now, local: local)
            since = max(since, state.since)
            if let end = state.until { until = min(until ?? end, end) }
            if state.active { indices.append(index) }
        }
        let fresh = AllowedSlides(
            since: since, until: until, question: question, indices: indices, count: program.slides.count,
            urgent: indices.filter { table.urgent[$0] },
            groups: groups(indices.filter { !table.urgent[$0] }, table: table))
        cache.allowed = fresh
        return fresh
    }

    /// The allowed normal slides by channel, in program order, with each channel's target
    /// share among those channels and its place in the config's order.
    private func groups(_ normal: [Int], table: PlanTable) -> [ChannelGroup] {
        var groups: [ChannelGroup] = []
        var position = Array(repeating: -1, count: table.channelNames.count)
        for index in normal {
            let channel = table.channels[index]
            if position[channel] >= 0 {
                groups[position[channel]].indices.append(index)
            } else {
                position[channel] = groups.count
                groups.append(ChannelGroup(channel: channel, name: table.channelNames[channel], indices: [index]))
            }
        }
        let targets = ShareTargets.compute(
            Dictionary(
                uniqueKeysWithValues: groups.map { ($0.name, settings.channels[$0.name] ?? ShareTargets.Policy()) }))
        let rank = Dictionary(settings.channelOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for group in groups.indices {
            groups[group].target = targets[groups[group].name, default: 0]
            groups[group].rank = rank[groups[group].name] ?? Int.max
        }
        return groups
    }
}
