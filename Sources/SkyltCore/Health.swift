public import FoundationEssentials

/// How the kiosk is, in one word and in plain reasons: worked out once, here, from the status
/// snapshot, the play loop's heartbeat and the disk, and shown alike by the status page's top
/// line, `/healthz`, `/api/status` and `skylt status`. Green (`ok`) only when nothing below is
/// wrong; `stuck` only when the play loop does not advance (what `/healthz` answers 503 for).
public struct Health: Sendable, Equatable, Codable {
    public enum Level: String, Sendable, Codable, Comparable {
        case ok, degraded, stuck

        public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
        private var rank: Int { self == .ok ? 0 : self == .degraded ? 1 : 2 }
    }

    /// One thing wrong: a code to switch on, what it concerns, and a sentence for people.
    public struct Problem: Sendable, Equatable, Codable {
        public enum Code: String, Sendable, Codable {
            /// The play loop has not advanced within its limit: the screen may be frozen.
            case playLoopStuck
            /// A channel's last sync failed.
            case syncFailing
            /// A channel has had no good sync for `Health.staleSyncSeconds`.
            case syncStale
            /// A channel's signed manifest has expired; its slides still play.
            case contentExpired
            /// The system clock is not trusted: timed slides and opening hours may be wrong.
            case clockUntrusted
            /// Less than `Health.lowDiskFraction` of the cache's file system is free.
            case diskLow
            /// Slides were skipped, each costing only itself (too slow or too big to compose).
            case slidesSkipped
        }

        public var code: Code
        /// The channel or slide concerned; nil for the kiosk as a whole.
        public var subject: String?
        public var text: String

        public init(code: Code, subject: String? = nil, text: String) {
            self.code = code
            self.subject = subject
            self.text = text
        }
    }

    public var level: Level
    public var problems: [Problem]

    /// A channel without a good sync for this long is stale (as the `SkyltContentStale` alert).
    public static let staleSyncSeconds = 86_400.0
    /// Below this share of free space on the cache's file system the disk is low (as the
    /// `SkyltDiskNearlyFull` alert).
    public static let lowDiskFraction = 0.10

    public init(level: Level, problems: [Problem]) {
        self.level = level
        self.problems = problems
    }

    /// The health of a running player. `playing`: the loop advanced within its limit.
    /// `starting`: before its first switch, when the snapshot's clock is not known yet. Disk
    /// figures nil when they cannot be asked.
    public init(
        snapshot: StatusSnapshot, playing: Bool, starting: Bool = false, freeDiskBytes: Int64?, diskSizeBytes: Int64?
    ) {
        var problems: [Problem] = []
        if !playing {
            problems.append(Problem(code: .playLoopStuck, text: "the player is stuck: the screen may be frozen"))
        }
        for channel in snapshot.channels where channel.kind == .bundle { problems += Self.problems(of: channel) }
        if !starting && !snapshot.clockTrusted {
            problems.append(
                Problem(
                    code: .clockUntrusted,
                    text: "the clock is not trusted (earlier than \(snapshot.clockReason)): timed slides wait"))
        }
        if let free = freeDiskBytes, let size = diskSizeBytes, size > 0,
            Double(free) < Double(size) * Self.lowDiskFraction
        {
            problems.append(
                Problem(code: .diskLow, text: "disk nearly full: \(Self.bytes(free)) free of \(Self.bytes(size))"))
        }
        for skipped in snapshot.skipped ?? [] {
            problems.append(
                Problem(
                    code: .slidesSkipped, subject: skipped.slide,
                    text: "slide \(skipped.slide) skipped: \(skipped.reason)"))
        }
        self.init(level: playing ? (problems.isEmpty ? .ok : .degraded) : .stuck, problems: problems)
    }

    /// What is wrong with one bundle channel, at most one line per kind.
    static func problems(of channel: ChannelState) -> [Problem] {
        var problems: [Problem] = []
        if let error = channel.lastError {
            problems.append(
                Problem(
                    code: .syncFailing, subject: channel.name,
                    text: "channel \(channel.name): sync fails (\(channel.failures)×): \(error)"))
        }
        if let age = channel.secondsSinceLastGoodSync, age >= staleSyncSeconds {
            problems.append(
                Problem(
                    code: .syncStale, subject: channel.name,
                    text: "channel \(channel.name): no good sync for \(duration(age))"))
        }
        if channel.stale {
            let ago = channel.expires.map { " \(duration(channel.observed.timeIntervalSince($0))) ago" } ?? ""
            problems.append(
                Problem(
                    code: .contentExpired, subject: channel.name,
                    text: "channel \(channel.name): content expired\(ago), still playing"))
        }
        return problems
    }

    /// One line for people: "all well", or every problem: the play loop, the channels, the
    /// clock, the disk, skipped slides.
    public var summary: String {
        problems.isEmpty ? "all well" : problems.map(\.text).joined(separator: "; ")
    }

    /// A duration as people say it: "45 s", "12 min", "5 h", "3 days".
    public static func duration(_ seconds: Double) -> String {
        let s = Int(max(0, seconds))
        if s < 120 { return "\(s) s" }
        if s < 7200 { return "\(s / 60) min" }
        if s < 172_800 { return "\(s / 3600) h" }
        return "\(s / 86400) days"
    }

    /// A size in the binary units people read: "512 B", "3.4 MiB", "1.2 GiB".
    public static func bytes(_ value: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024 && unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        return unit == 0 ? "\(value) B" : "\(NumberText.fixed(amount, decimals: 1)) \(units[unit])"
    }
}

/// A slide the play loop skipped (its composition ran past its bound), as the status shows it
/// until the program changes.
public struct SkippedSlide: Sendable, Equatable, Codable {
    public var slide: String
    public var reason: String
    /// When it was last skipped, ISO 8601.
    public var at: String

    public init(slide: String, reason: String, at: Date) {
        self.slide = slide
        self.reason = reason
        self.at = ISO8601.format(at)
    }
}
