public import FoundationEssentials

/// What the player is doing, written to `status.json` in the state directory at each change,
/// for `skylt status` and the status page.
public struct StatusSnapshot: Sendable, Equatable, Codable {
    public struct Showing: Sendable, Equatable, Codable {
        public var slide: String?
        public var channel: String?
        public var language: String?
        public var reason: String
        public var since: String

        public init(slide: String?, channel: String?, language: String?, reason: String, since: String) {
            self.slide = slide
            self.channel = channel
            self.language = language
            self.reason = reason
            self.since = since
        }
    }

    public var kioskID, kioskName: String
    public var version: String
    public var timeZone: String
    public var clockTrusted: Bool
    /// When untrusted: the clock is before this moment, and why that moment is known to have passed.
    public var clockNotBefore: String
    public var clockReason: String
    /// "on", or "off" outside opening hours.
    public var display: String
    public var showing: Showing
    /// The channels' state: in status.json the bundle channels synced so far; in /api/status
    /// every channel, folders too.
    public var channels: [ChannelState] = []
    public var slidesInProgram: Int
    public var written: String
    /// Slides the play loop skipped since the program last changed; nil from a player older
    /// than this field.
    public var skipped: [SkippedSlide]?
    /// The data slides too old to show at the last switch, and why; nil from a player older
    /// than this field. Normal at night (no departures), so no health problem by itself.
    public var staleData: [StaleSlide]?

    public init(
        kioskID: String, kioskName: String, timeZone: String, clockTrusted: Bool, clockNotBefore: Date,
        clockReason: String, display: String, showing: Showing, slidesInProgram: Int, written: Date
    ) {
        self.kioskID = kioskID
        self.kioskName = kioskName
        version = SkyltVersion.string
        self.timeZone = timeZone
        self.clockTrusted = clockTrusted
        self.clockNotBefore = ISO8601.format(clockNotBefore)
        self.clockReason = clockReason
        self.display = display
        self.showing = showing
        self.slidesInProgram = slidesInProgram
        self.written = ISO8601.format(written)
    }

    public static let fileName = "status.json"

    /// The kiosk's zone, for showing times: the snapshot's, else the system's.
    public var zone: Zone { Zone(identifier: timeZone) ?? .current }

    /// `date` on the kiosk's wall clock, with the offset: "2026-11-28 00:08:07 +01:00", so a
    /// technician reads local time and still knows which.
    public func localTime(_ date: Date) -> String { Self.localTime(date, in: zone) }

    /// `date` on the wall clock of `zone`, with the offset.
    public static func localTime(_ date: Date, in zone: Zone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "\(zone.civil(date)) \(sign)\(NumberText.zeroPadded(minutes / 60, width: 2)):"
            + NumberText.zeroPadded(minutes % 60, width: 2)
    }

    /// An ISO 8601 time of the snapshot (`since`, `written`) on the kiosk's wall clock; the
    /// text as it is when it is not one.
    public func localTime(iso text: String) -> String {
        ISO8601.parse(text).map(localTime) ?? text
    }

    /// Writes atomically: temporary file, then rename.
    public func write(to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: folder.appendingPathComponent(Self.fileName), options: .atomic)
    }
}

/// A data slide the kiosk does not show because its data is too old or over: the status page
/// and `skylt status` list these, so a technician sees why the departures are missing.
public struct StaleSlide: Sendable, Equatable, Codable {
    /// `channel/slide`.
    public var slide: String
    /// The data template: "departures", "weather", ...
    public var template: String
    /// `LiveStaleness.reason`: "departures fetched 2026-…, more than 10 minutes ago".
    public var reason: String

    public init(slide: String, template: String, reason: String) {
        self.slide = slide
        self.template = template
        self.reason = reason
    }

    /// "bussar/1-board (departures): departures fetched …, more than 10 minutes ago".
    public var summary: String { "\(slide) (\(template)): \(reason)" }
}
