import Foundation
import SkyltCore
import SkyltStore

/// What contributors may put on a channel, set by its publishers. nil: no limit.
public struct ChannelLimits: Sendable, Equatable {
    /// How many slides one organisation may have live on the channel at once.
    public var maxLivePerOrganisation: Int?
    /// The longest run of a contribution, `schedule.validFrom` (or the day it is sent) to
    /// `schedule.validUntil`, in days; with a limit, a contribution must give an end.
    public var maxRunDays: Int?
    /// The templates contributors may use; nil: all. Urgent priority is never allowed.
    public var templates: [String]?

    public init(maxLivePerOrganisation: Int? = nil, maxRunDays: Int? = nil, templates: [String]? = nil) {
        self.maxLivePerOrganisation = maxLivePerOrganisation
        self.maxRunDays = maxRunDays
        self.templates = templates
    }

    public static let none = ChannelLimits()
}

/// Why a channel's limits refuse a contribution. `field` names the slide's field concerned
/// (nil for the count of live slides, which concerns the organisation, not a field).
public enum LimitRefusal: Sendable, Equatable, CustomStringConvertible {
    case tooManyLive(max: Int)
    case endDateMissing(maxDays: Int)
    case runTooLong(days: Int, maxDays: Int)
    case templateNotAllowed(template: String, allowed: [String])
    case urgentPriority

    public var field: String? {
        switch self {
        case .tooManyLive: nil
        case .endDateMissing, .runTooLong: "schedule.validUntil"
        case .templateNotAllowed: "template"
        case .urgentPriority: "priority"
        }
    }

    public var description: String {
        switch self {
        case .tooManyLive(let max):
            "the organisation has \(max) live slide\(max == 1 ? "" : "s") on this channel, the most it may have"
        case .endDateMissing(let maxDays):
            "schedule.validUntil: give an end date; a contribution may run at most \(maxDays) days"
        case .runTooLong(let days, let maxDays):
            "schedule.validUntil: the slide runs \(days) days; a contribution may run at most \(maxDays) days"
        case .templateNotAllowed(let template, let allowed):
            "template: '\(template)' is not allowed here; allowed: \(allowed.isEmpty ? "none" : allowed.joined(separator: ", "))"
        case .urgentPriority: "priority: urgent is only for the channel's publishers"
        }
    }
}

extension Studio {
    /// The channel's limits for contributions (`ChannelLimits.none` when never set).
    public func limits(of channel: ChannelRecord) throws(StudioError) -> ChannelLimits {
        let row = try storing { () throws(StoreError) in
            try database.query(
                "SELECT max_live_per_organisation, max_run_days, templates_json FROM channel_limits WHERE channel_id = ?",
                [.integer(channel.id)]
            ).first
        }
        guard let row else { return .none }
        var templates: [String]?
        if let text = row[2].string, case .array(let items)? = try? JSONValue.parse(Data(text.utf8)) {
            templates = items.compactMap { if case .string(let name) = $0 { name } else { nil } }
        }
        return ChannelLimits(maxLivePerOrganisation: row[0].int, maxRunDays: row[1].int, templates: templates)
    }

    /// Sets the channel's limits (a publisher's act; the web checks that), with an audit row.
    /// Refuses (`invalidLimits`) a negative count, a run under one day, or an unknown template.
    public func setLimits(_ limits: ChannelLimits, channel: ChannelRecord) throws(StudioError) {
        if let count = limits.maxLivePerOrganisation, count < 0 {
            throw StudioError(.invalidLimits, location: channel.name, message: "maxLivePerOrganisation \(count)")
        }
        if let days = limits.maxRunDays, days < 1 {
            throw StudioError(.invalidLimits, location: channel.name, message: "maxRunDays \(days)")
        }
        let names = Set(TemplateName.editorTemplates.map(\.rawValue))
        if let unknown = limits.templates?.first(where: { !names.contains($0) }) {
            throw StudioError(.invalidLimits, location: channel.name, message: "template '\(unknown)'")
        }
        let templates = limits.templates.map { list in
            String(
                decoding: JSONValue.array(Array(Set(list)).sorted().map { .string($0) }).canonicalData(), as: UTF8.self)
        }
        try transaction { () throws(StudioError) in
            try storing { () throws(StoreError) in
                try database.execute(
                    """
                    INSERT INTO channel_limits (channel_id, max_live_per_organisation, max_run_days, templates_json,
                        updated_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (channel_id) DO UPDATE SET max_live_per_organisation = excluded.max_live_per_organisation,
                        max_run_days = excluded.max_run_days, templates_json = excluded.templates_json,
                        updated_at = excluded.updated_at
                    """,
                    [
                        .integer(channel.id), limits.maxLivePerOrganisation.map { .init($0) } ?? .null,
                        limits.maxRunDays.map { .init($0) } ?? .null, templates.map { .text($0) } ?? .null,
                        .text(Self.timestamp()),
                    ])
            }
            try audit("channel.limits", subject: channel.name, detail: Self.describe(limits))
        }
    }

    /// Checks a contribution's `content` against the channel's limits, for a slide of
    /// `organisationID` (its row `slideID` not counted as live). `now` starts a run without
    /// `validFrom`.
    func checkLimits(
        _ content: JSONValue, slideID: Int64, organisationID: Int64, channel: ChannelRecord, now: Date = Date()
    ) throws(StudioError) {
        let limits = try limits(of: channel)
        if let refusal = Self.refusal(content, limits: limits, now: now) {
            throw StudioError(.contributionLimit(refusal), location: channel.name)
        }
        guard let max = limits.maxLivePerOrganisation else { return }
        let live = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT count(*) FROM slides WHERE channel_id = ? AND organisation_id = ? AND id <> ?
                AND archived = 0 AND live_revision_id IS NOT NULL
                """, [.integer(channel.id), .integer(organisationID), .integer(slideID)]
            ).first?[0].int ?? 0
        }
        if live >= max { throw StudioError(.contributionLimit(.tooManyLive(max: max)), location: channel.name) }
    }

    /// What in the slide itself the limits refuse: urgent priority always, then the template,
    /// then the run.
    static func refusal(_ content: JSONValue, limits: ChannelLimits, now: Date) -> LimitRefusal? {
        if SlideText.string(content, "priority") == "urgent" { return .urgentPriority }
        let template = SlideText.string(content, "template") ?? ""
        if let allowed = limits.templates, !allowed.contains(template) {
            return .templateNotAllowed(template: template, allowed: allowed)
        }
        guard let maxDays = limits.maxRunDays else { return nil }
        guard case .object(let fields) = content, case .object(let schedule)? = fields["schedule"],
            case .string(let untilText)? = schedule["validUntil"], let until = ISO8601.parse(untilText)
        else { return .endDateMissing(maxDays: maxDays) }
        var from = now
        if case .string(let fromText)? = schedule["validFrom"], let start = ISO8601.parse(fromText) { from = start }
        let days = Int((until.timeIntervalSince(from) / 86_400).rounded(.up))
        return days > maxDays ? .runTooLong(days: days, maxDays: maxDays) : nil
    }

    private static func describe(_ limits: ChannelLimits) -> String {
        let live = limits.maxLivePerOrganisation.map(String.init) ?? "any"
        let days = limits.maxRunDays.map(String.init) ?? "any"
        let templates = limits.templates?.sorted().joined(separator: " ") ?? "all"
        return "live per organisation \(live), run days \(days), templates \(templates)"
    }
}
