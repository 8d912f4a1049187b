import FoundationEssentials

/// Per-slide facts of one program that the planner reads at every decision, kept in flat
/// arrays so that a decision neither copies whole slides nor looks names up.
final class PlanTable {
    let keys: [String]
    /// Each slide's channel, as an index into `channelNames`.
    let channels: [Int]
    let channelNames: [String]
    let channelByName: [String: Int]
    let restricted: [Bool]
    let urgent: [Bool]
    /// Program indices by key, to follow a history's records without searching.
    let indicesByKey: [String: [Int]]
    /// The first slide with the same schedule as each slide: their states are the same.
    let sameSchedule: [Int]
    /// The languages each slide is offered in, for the display languages `display`.
    let offered: [[String]]
    let display: [String]

    init(_ program: Program, display: [String]) {
        var indicesByKey: [String: [Int]] = [:]
        var channelByName: [String: Int] = [:]
        var channelNames: [String] = []
        var channels: [Int] = []
        var firstBySchedule: [ScheduleKey: Int] = [:]
        var sameSchedule: [Int] = []
        for (index, slide) in program.slides.enumerated() {
            indicesByKey[slide.key, default: []].append(index)
            if channelByName[slide.channel] == nil {
                channelByName[slide.channel] = channelNames.count
                channelNames.append(slide.channel)
            }
            channels.append(channelByName[slide.channel]!)
            let schedule = ScheduleKey(slide.schedule)
            if firstBySchedule[schedule] == nil { firstBySchedule[schedule] = index }
            sameSchedule.append(firstBySchedule[schedule]!)
        }
        keys = program.slides.map(\.key)
        self.channels = channels
        self.channelNames = channelNames
        self.channelByName = channelByName
        restricted = program.slides.map(\.schedule.isRestricted)
        urgent = program.slides.map(\.isUrgent)
        self.indicesByKey = indicesByKey
        self.sameSchedule = sameSchedule
        offered = program.slides.map { LanguageChoice.languages(for: $0, display: display) }
        self.display = display
    }

    /// A schedule as a hashable value: equal keys, equal schedules.
    struct ScheduleKey: Hashable {
        var validFrom: Date?
        var validUntil: Date?
        var weekdays: Set<String>?
        var windows: [Int]

        init(_ schedule: Schedule) {
            validFrom = schedule.validFrom
            validUntil = schedule.validUntil
            weekdays = schedule.weekdays.map { Set($0.map(\.rawValue)) }
            windows = schedule.windows.flatMap { [$0.from.hour, $0.from.minute, $0.to.hour, $0.to.minute] }
        }
    }
}

/// The slides that may play from `since` until `until`, for one clock trust, one set of
/// excluded slides and one planner; the normal ones grouped by channel in program order.
final class AllowedSlides {
    /// What the slides were found for: another clock trust, other excluded slides or another
    /// planner's settings may allow others.
    struct Question: Equatable {
        let clockTrusted: Bool
        let excluding: Set<String>
        let planner: PlannerIdentity

        static func == (a: Question, b: Question) -> Bool {
            a.clockTrusted == b.clockTrusted && a.planner === b.planner && a.excluding == b.excluding
        }
    }

    let since: Date
    let until: Date?
    let question: Question
    let indices: [Int]
    let isAllowed: [Bool]
    let urgent: [Int]
    let groups: [ChannelGroup]

    init(
        since: Date, until: Date?, question: Question, indices: [Int], count: Int, urgent: [Int],
        groups: [ChannelGroup]
    ) {
        self.since = since
        self.until = until
        self.question = question
        self.indices = indices
        var isAllowed = Array(repeating: false, count: count)
        for index in indices { isAllowed[index] = true }
        self.isAllowed = isAllowed
        self.urgent = urgent
        self.groups = groups
    }

    func holds(at now: Date, for question: Question) -> Bool {
        since <= now && (until.map { now < $0 } ?? true) && question == self.question
    }
}

/// A channel with normal slides allowed now: its target share and its place in the config's
/// channel order (`Int.max` when it has none).
struct ChannelGroup {
    var channel: Int
    var name: String
    var indices: [Int]
    var target: Double = 0
    var rank = Int.max
}

/// Tells one planner's settings from another's, for what a cache derives from them.
final class PlannerIdentity: Sendable {}
