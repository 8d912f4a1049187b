public import SkyltCore

/// Everything `/api/status` returns, and what the page and `skylt status` show: the snapshot
/// the player wrote at its last switch (with `channels` holding every channel's live state),
/// and the facts only the running player knows. The JSON is one flat object, the snapshot's
/// fields first; `report.uptimeSeconds` and the like read the facts directly.
@dynamicMemberLookup
public struct StatusReport: Sendable, Codable {
    /// The running player's figures, beyond what status.json holds.
    public struct Facts: Sendable, Codable {
        public var uptimeSeconds: Double
        public var next: String?
        public var healthy: Bool
        public var slidesShown: Int
        public var missedDeadlines: Int
        public var composeSecondsSum: Double
        public var composeCount: Int
        public var cacheBytes: Int64
        public var freeDiskBytes: Int64
        public var addresses: [String]
        public var logs: [String]
        public var playsToday: [PlayLogFiles.Total]
        /// True before the player's first switch: the snapshot is a placeholder, and what it says
        /// of the clock and the display is not known yet.
        public var starting = false
        /// When the player started, in seconds since 1970: unlike the uptime it stays the same
        /// from one scrape to the next, so a monitor counts restarts by its changes. Optional, as
        /// is `diskSizeBytes`, so that `skylt status` still reads an older kiosk's report.
        public var startTimeSeconds: Double?
        /// The size of the cache's file system; nil when it cannot be asked.
        public var diskSizeBytes: Int64?
        /// How the kiosk is, with the reasons; nil from an older player (`Health(report)`
        /// works it out from the rest then).
        public var health: Health?
    }

    public var snapshot: StatusSnapshot
    public var facts: Facts

    public subscript<Value>(dynamicMember path: KeyPath<Facts, Value>) -> Value { facts[keyPath: path] }

    /// The report's health: the player's own word, or, from an older player, worked out the
    /// same way from what it reports.
    public var assessedHealth: Health {
        facts.health
            ?? Health(
                snapshot: snapshot, playing: facts.healthy, starting: facts.starting,
                freeDiskBytes: facts.freeDiskBytes, diskSizeBytes: facts.diskSizeBytes)
    }

    init(snapshot: StatusSnapshot, facts: Facts) {
        self.snapshot = snapshot
        self.facts = facts
    }

    public func encode(to encoder: any Encoder) throws {
        try snapshot.encode(to: encoder)
        try facts.encode(to: encoder)
    }

    public init(from decoder: any Decoder) throws {
        snapshot = try StatusSnapshot(from: decoder)
        facts = try Facts(from: decoder)
    }
}
