import FoundationEssentials
import SkyltCore

/// The alerts a source shows, kept in its `SourceMemory` so that a restart remembers them
/// and, above all, what was cancelled or replaced: CAP's Update replaces the alerts it
/// references and Cancel removes them, and neither comes back if a publisher keeps listing
/// the old message.
///
/// Memory: `{"alerts": {key: {"slide": {…}, "sent": "…"}}, "gone": {key: "forget after"},
/// "links": {link: key}}`, keys being "sender,identifier"; `links` are the alerts a feed's
/// links last gave, so that one not read in a round is known and kept.
struct AlertBook {
    /// How long a cancelled or replaced alert is remembered: longer than any publisher lists one.
    static let goneSeconds: Double = 14 * 86_400
    static let maxGone = 2_000

    private(set) var alerts: [String: [String: JSONValue]] = [:]
    private(set) var gone: [String: String] = [:]
    var links: [String: String] = [:]

    init(_ memory: JSONValue) {
        guard case .object(let root) = memory else { return }
        if case .object(let alerts) = root["alerts"] {
            for case (let key, .object(let entry)) in alerts { self.alerts[key] = entry }
        }
        if case .object(let gone) = root["gone"] {
            for case (let key, .string(let until)) in gone { self.gone[key] = until }
        }
        if case .object(let links) = root["links"] {
            for case (let link, .string(let key)) in links { self.links[link] = key }
        }
    }

    var memory: JSONValue {
        var root: [String: JSONValue] = [
            "alerts": .object(alerts.mapValues { .object($0) }), "gone": .object(gone.mapValues { .string($0) }),
        ]
        if !links.isEmpty { root["links"] = .object(links.mapValues { .string($0) }) }
        return .object(root)
    }

    /// Applies the messages of one document, oldest first. `shows` says whether an alert
    /// concerns this source's place; an alert the document no longer lists is withdrawn
    /// unless its key is in `keeping` (its message could not be read this time).
    /// Returns what was skipped and why.
    mutating func apply(
        _ messages: [CAPAlert], policy: AlertPolicy, now: Date, keeping: Set<String> = [],
        shows: (CAPAlert) -> Bool = { _ in true }
    ) -> [String] {
        var skipped: [String] = []
        let until = ISO8601.format(now.addingTimeInterval(Self.goneSeconds))
        let ordered = messages.sorted { ($0.sent ?? .distantPast) < ($1.sent ?? .distantPast) }
        for message in ordered {
            guard let status = policy.status(of: message) else { continue }
            let key = message.reference.key
            switch message.msgType.lowercased() {
            case "alert", "update":
                for reference in message.references { forget(reference.key, until: until) }
                guard gone[key] == nil, shows(message) else { continue }
                guard let slide = AlertSlide.make(message, status: status, policy: policy) else {
                    skipped.append("alert '\(message.identifier)' has no headline in a known language")
                    continue
                }
                alerts[key] = ["slide": slide, "sent": .string(message.sent.map(ISO8601.format) ?? "")]
            case "cancel":
                for reference in message.references { forget(reference.key, until: until) }
                forget(key, until: until)
            default: continue
            }
        }
        let listed = Set(messages.map(\.reference.key)).union(keeping)
        for key in alerts.keys where !listed.contains(key) { alerts[key] = nil }
        prune(now)
        return skipped
    }

    private mutating func forget(_ key: String, until: String) {
        alerts[key] = nil
        gone[key] = until
    }

    /// Drops expired alerts and old cancellations; the oldest go first beyond `maxGone`.
    private mutating func prune(_ now: Date) {
        for (key, entry) in alerts where Self.expired(entry["slide"], now: now) { alerts[key] = nil }
        gone = gone.filter { ISO8601.parse($0.value).map { $0 > now } ?? false }
        if gone.count > Self.maxGone {
            let kept = gone.sorted { $0.value > $1.value }.prefix(Self.maxGone)
            gone = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
        }
    }

    /// The slides of the alerts not expired at `now`, newest first; alerts sent at the same
    /// time in key order, so that a restart (a new dictionary order) publishes nothing new.
    func slides(at now: Date) -> [JSONValue] {
        alerts
            .filter { !Self.expired($0.value["slide"], now: now) }
            .sorted { (Self.sent($0.value), $1.key) > (Self.sent($1.value), $0.key) }
            .compactMap { $0.value["slide"] }
    }

    private static func sent(_ entry: [String: JSONValue]) -> Date {
        guard case .string(let sent) = entry["sent"] else { return .distantPast }
        return ISO8601.parse(sent) ?? .distantPast
    }

    static func expired(_ slide: JSONValue?, now: Date) -> Bool {
        guard case .object(let fields) = slide else { return true }
        guard case .string(let expires) = fields["expires"] else { return false }
        guard let date = ISO8601.parse(expires) else { return true }
        return date <= now
    }
}
