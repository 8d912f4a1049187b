public import FoundationEssentials
public import SkyltCore

/// A source of live data: each round it fetches its documents and turns them into the slide
/// objects of its channel's playlist (the data templates of `LiveData.swift`, or events).
///
/// A source lives as long as the service: what it must remember between rounds (alerts not
/// yet cancelled, a sensor's earlier readings) it keeps in `memory`, which the service saves
/// after each round and gives back after a restart.
public protocol FeedSource: AnyObject {
    /// One round. Throws when the source cannot be read or understood; the service then keeps
    /// this source's last good slides, so one failing source never empties a channel.
    func round(_ context: RoundContext) throws(FeedError) -> [JSONValue]
}

/// What a source gets for one round.
public struct RoundContext {
    public let fetcher: any DocumentFetching
    public let now: Date
    /// This source's memory from earlier rounds; `.null` the first time.
    public let memory: SourceMemory
    /// Tells the service's watchdog the round is still alive; a source that fetches several
    /// documents in one round calls it before each, so a slow server is not taken for a hang.
    public let heartbeat: () -> Void
    /// Monotonic seconds, for a source that keeps its extra fetches within a time budget.
    public let clock: () -> Double

    public init(
        fetcher: any DocumentFetching, now: Date, memory: SourceMemory, heartbeat: @escaping () -> Void = {},
        clock: @escaping () -> Double = RoundContext.monotonicSeconds
    ) {
        self.fetcher = fetcher
        self.now = now
        self.memory = memory
        self.heartbeat = heartbeat
        self.clock = clock
    }

    private static let origin = ContinuousClock.now

    /// Seconds of the system's monotonic clock, which a change of the wall clock leaves alone.
    public static func monotonicSeconds() -> Double {
        let elapsed = ContinuousClock.now - origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}

/// What a source keeps between rounds, as JSON so that the service can save it whole.
public final class SourceMemory {
    public var value: JSONValue

    public init(_ value: JSONValue = .null) { self.value = value }
}

/// One request of a source.
public struct FeedRequest: Sendable {
    public var url: String
    /// Extra header lines ("Accept: application/json", "ET-Client-Name: …").
    public var headers: [String]
    /// A POST's body (a GraphQL query); nil for a GET.
    public var body: Data?
    public var maxBytes: Int64

    public static let defaultMaxBytes: Int64 = 4 << 20

    public init(url: String, headers: [String] = [], body: Data? = nil, maxBytes: Int64 = defaultMaxBytes) {
        self.url = url
        self.headers = headers
        self.body = body
        self.maxBytes = maxBytes
    }
}

/// A document as a source sees it: the newest body, whether or not the server sent it again.
public struct FetchedDocument: Sendable {
    public var body: Data
    /// False when the server answered 304 Not Modified (or the document is still fresh by
    /// its `Expires`) and `body` is the one kept from before.
    public var changed: Bool
    /// When the body was last received from the server.
    public var fetched: Date
    /// The response's headers, names lowercased.
    public var headers: [String: String]

    public init(body: Data, changed: Bool, fetched: Date, headers: [String: String] = [:]) {
        self.body = body
        self.changed = changed
        self.fetched = fetched
        self.headers = headers
    }
}

/// Fetches documents for sources: conditional requests, caps, deadlines, the service's
/// User-Agent, and the server's wishes (`Retry-After`, `Expires`) honoured.
public protocol DocumentFetching: AnyObject {
    func fetch(_ request: FeedRequest) throws(FeedError) -> FetchedDocument
}

/// A source, its config or a publication failed. `code` is what callers switch on; the
/// message names the source and what was wrong, and `cause` keeps the underlying error.
public struct FeedError: Error, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The config file or a source's entry in it is wrong.
        case config
        /// The document could not be fetched (network, status, size, deadline).
        case fetch
        /// The server asked us to wait (429, 503 with `Retry-After`); nothing was fetched.
        case backingOff
        /// The document was fetched but is not what the source expects.
        case parse
        /// The channel could not be published.
        case publish
    }

    public var code: Code
    /// The source ("larm: vma https://…") or file the error is about.
    public var subject: String
    public var message: String
    public var cause: (any Error)?

    public init(_ code: Code, _ subject: String, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.subject = subject
        self.message = message
        self.cause = cause
    }

    public var description: String { "\(subject): \(message)" }
}

/// The channel settings every source of it shares.
public struct SourceSettings: Sendable {
    /// The channel's name, as its bundle folder is named.
    public var channel: String
    /// The playlist's default language ("sv").
    public var language: String
    /// The channel's time zone: calendars without one, agenda days, "this week".
    public var timeZone: Zone
    /// A name for messages: "larm: vma https://…".
    public var subject: String

    public init(channel: String, language: String, timeZone: Zone, subject: String) {
        self.channel = channel
        self.language = language
        self.timeZone = timeZone
        self.subject = subject
    }
}
