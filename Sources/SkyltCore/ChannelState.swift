public import FoundationEssentials

/// One channel as the technician sees it: where it comes from, what it has, and how its
/// syncs went. The one model behind `status.json`, `/api/status`, the status page, `/metrics`
/// and `skylt status`; a folder channel has only its name, kind and source.
///
/// Ages and staleness are measured from `observed`, the moment the state was read, so that a
/// state passed between threads or written to disk says the same thing wherever it is shown.
public struct ChannelState: Sendable, Equatable {
    public var name: String
    public var kind: ChannelKind
    /// The folder, or the manifest's host and path; never a secret (see `ChannelSource.shown`).
    public var source: String
    public var version: Int?
    public var published: Date?
    public var lastSuccess: Date?
    /// The last sync's failure, for people; nil after a good sync.
    public var lastError: String?
    public var nextPoll: Date?
    public var expires: Date?
    /// Whether the cached files still match their hashes, checked on disk.
    public var cacheMatches: Bool?
    public var successes = 0
    public var failures = 0
    public var observed: Date

    public init(name: String, kind: ChannelKind, source: String, observed: Date = Date()) {
        self.name = name
        self.kind = kind
        self.source = source
        self.observed = observed
    }

    /// A channel's state before anything is known of it but its config.
    public init(_ channel: ChannelConfig, observed: Date = Date()) {
        self.init(name: channel.name, kind: channel.source.kind, source: channel.source.shown, observed: observed)
    }

    /// The manifest has expired: the channel keeps playing; the publisher should publish again.
    public var stale: Bool { expires.map { $0 <= observed } ?? false }

    /// How long ago the version on the kiosk was published.
    public var ageSeconds: Double? { published.map { observed.timeIntervalSince($0) } }

    public var secondsSinceLastGoodSync: Double? { lastSuccess.map { observed.timeIntervalSince($0) } }
}

extension ChannelState: Codable {
    /// The JSON names; the derived ones are written for readers that do not compute them.
    enum CodingKeys: String, CodingKey {
        case name, kind, source, version, published, lastSuccess, lastError, nextPoll, expires, cacheMatches
        case successes, failures, observed, stale, ageSeconds, secondsSinceLastGoodSync
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encode(source, forKey: .source)
        try container.encodeIfPresent(version, forKey: .version)
        try container.encodeIfPresent(published.map(ISO8601.format), forKey: .published)
        try container.encodeIfPresent(lastSuccess.map(ISO8601.format), forKey: .lastSuccess)
        try container.encodeIfPresent(lastError, forKey: .lastError)
        try container.encodeIfPresent(nextPoll.map(ISO8601.format), forKey: .nextPoll)
        try container.encodeIfPresent(expires.map(ISO8601.format), forKey: .expires)
        try container.encodeIfPresent(cacheMatches, forKey: .cacheMatches)
        try container.encode(successes, forKey: .successes)
        try container.encode(failures, forKey: .failures)
        try container.encode(ISO8601.format(observed), forKey: .observed)
        try container.encode(stale, forKey: .stale)
        try container.encodeIfPresent(ageSeconds, forKey: .ageSeconds)
        try container.encodeIfPresent(secondsSinceLastGoodSync, forKey: .secondsSinceLastGoodSync)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func date(_ key: CodingKeys) throws -> Date? {
            guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let date = ISO8601.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "'\(text)' is not an ISO 8601 date")
            }
            return date
        }
        self.init(
            name: try container.decode(String.self, forKey: .name),
            kind: try container.decode(ChannelKind.self, forKey: .kind),
            source: try container.decode(String.self, forKey: .source), observed: try date(.observed) ?? Date())
        version = try container.decodeIfPresent(Int.self, forKey: .version)
        published = try date(.published)
        lastSuccess = try date(.lastSuccess)
        lastError = try container.decodeIfPresent(String.self, forKey: .lastError)
        nextPoll = try date(.nextPoll)
        expires = try date(.expires)
        cacheMatches = try container.decodeIfPresent(Bool.self, forKey: .cacheMatches)
        successes = try container.decodeIfPresent(Int.self, forKey: .successes) ?? 0
        failures = try container.decodeIfPresent(Int.self, forKey: .failures) ?? 0
    }
}
