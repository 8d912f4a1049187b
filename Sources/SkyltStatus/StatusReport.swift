import Foundation
public import SkyltCore

/// Everything `/api/status` returns, and what the page and `skylt status` show.
public struct StatusReport: Sendable {
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

    /// What the player wrote at its last switch, with `channels` holding every channel's live
    /// state; its fields are the report's first ones in the JSON.
    public var snapshot: StatusSnapshot
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
    public var playsToday: [PlayTotal]
}

/// One flat JSON object: the snapshot's fields, then the report's own.
extension StatusReport: Codable {
    enum CodingKeys: String, CodingKey {
        case uptimeSeconds, next, healthy, slidesShown, missedDeadlines, composeSecondsSum, composeCount
        case cacheBytes, freeDiskBytes, addresses, logs, playsToday
    }

    public func encode(to encoder: any Encoder) throws {
        try snapshot.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uptimeSeconds, forKey: .uptimeSeconds)
        try container.encodeIfPresent(next, forKey: .next)
        try container.encode(healthy, forKey: .healthy)
        try container.encode(slidesShown, forKey: .slidesShown)
        try container.encode(missedDeadlines, forKey: .missedDeadlines)
        try container.encode(composeSecondsSum, forKey: .composeSecondsSum)
        try container.encode(composeCount, forKey: .composeCount)
        try container.encode(cacheBytes, forKey: .cacheBytes)
        try container.encode(freeDiskBytes, forKey: .freeDiskBytes)
        try container.encode(addresses, forKey: .addresses)
        try container.encode(logs, forKey: .logs)
        try container.encode(playsToday, forKey: .playsToday)
    }

    public init(from decoder: any Decoder) throws {
        snapshot = try StatusSnapshot(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uptimeSeconds = try container.decode(Double.self, forKey: .uptimeSeconds)
        next = try container.decodeIfPresent(String.self, forKey: .next)
        healthy = try container.decode(Bool.self, forKey: .healthy)
        slidesShown = try container.decode(Int.self, forKey: .slidesShown)
        missedDeadlines = try container.decode(Int.self, forKey: .missedDeadlines)
        composeSecondsSum = try container.decode(Double.self, forKey: .composeSecondsSum)
        composeCount = try container.decode(Int.self, forKey: .composeCount)
        cacheBytes = try container.decode(Int64.self, forKey: .cacheBytes)
        freeDiskBytes = try container.decode(Int64.self, forKey: .freeDiskBytes)
        addresses = try container.decode([String].self, forKey: .addresses)
        logs = try container.decode([String].self, forKey: .logs)
        playsToday = try container.decode([PlayTotal].self, forKey: .playsToday)
    }
}
