public import Foundation
public import SkyltCore

/// Where a channel's content comes from. A local folder is read at start and on SIGHUP and
/// has no sync state to show.
public enum ChannelKind: String, Sendable, Equatable, Codable {
    /// A signed bundle fetched over HTTP.
    case bundle
    /// A local playlist folder.
    case folder
}

/// One bundle or folder channel as the technician sees it.
public struct ChannelView: Sendable, Equatable, Codable {
    public var name: String
    public var kind: ChannelKind
    /// The manifest's host and path, or the folder; never a secret.
    public var source: String
    public var version: Int?
    public var published: String?
    public var ageSeconds: Double?
    public var lastSuccess: String?
    public var lastError: String?
    public var nextPoll: String?
    public var stale: Bool
    /// Whether the cached files still match their hashes, checked on disk.
    public var cacheMatches: Bool?
    public var successes: Int
    public var failures: Int
    public var secondsSinceLastGoodSync: Double?

    public init(
        name: String, kind: ChannelKind = .bundle, source: String, version: Int? = nil, published: Date? = nil,
        lastSuccess: Date? = nil,
        lastError: String? = nil, nextPoll: Date? = nil, expires: Date? = nil, cacheMatches: Bool? = nil,
        successes: Int = 0, failures: Int = 0, now: Date = Date()
    ) {
        self.name = name
        self.kind = kind
        self.source = source
        self.version = version
        self.published = published.map(ISO8601.format)
        ageSeconds = published.map { now.timeIntervalSince($0) }
        self.lastSuccess = lastSuccess.map(ISO8601.format)
        self.lastError = lastError
        self.nextPoll = nextPoll.map(ISO8601.format)
        stale = expires.map { $0 <= now } ?? false
        self.cacheMatches = cacheMatches
        self.successes = successes
        self.failures = failures
        secondsSinceLastGoodSync = lastSuccess.map { now.timeIntervalSince($0) }
    }
}

/// Everything `/api/status` returns, and what the page and `skylt status` show.
public struct StatusReport: Sendable, Codable {
    public struct PlayTotal: Sendable, Codable, Equatable {
        public var channel: String
        public var slide: String
        public var plays: Int
        public var seconds: Double

        public init(channel: String, slide: String, plays: Int, seconds: Double) {
            self.channel = channel
            self.slide = slide
            self.plays = plays
            self.seconds = seconds
        }
    }

    public var kioskID: String
    public var kioskName: String
    public var version: String
    public var uptimeSeconds: Double
    public var timeZone: String
    public var clockTrusted: Bool
    public var clockReason: String
    public var display: String
    public var showing: StatusSnapshot.Showing?
    public var next: String?
    public var healthy: Bool
    public var slidesShown: Int
    public var missedDeadlines: Int
    public var composeSecondsSum: Double
    public var composeCount: Int
    public var channels: [ChannelView]
    public var cacheBytes: Int64
    public var freeDiskBytes: Int64
    public var addresses: [String]
    public var logs: [String]
    public var playsToday: [PlayTotal]
}
