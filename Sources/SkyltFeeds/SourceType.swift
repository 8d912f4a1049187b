import FoundationEssentials
public import SkyltCore

/// The kinds of source a feeds config names in `type`.
public enum SourceType: String, Sendable, CaseIterable {
    case vma, cap, ical, rss, trafiklab, entur, smhi, metno, mqtt, json

    /// The fields of a source entry beside `type`, per kind; anything else is refused.
    public var fields: Set<String> {
        switch self {
        case .vma: ["url", "geocode", "poll", "include"]
        case .cap: ["url", "poll", "include"]
        case .ical: ["url", "days", "as", "title", "poll"]
        case .rss: ["url", "items", "poll"]
        case .trafiklab: ["url", "stop", "key", "title", "poll", "items"]
        case .entur: ["url", "stop", "client", "title", "poll", "items"]
        case .smhi: ["url", "lat", "lon", "place", "poll"]
        case .metno: ["url", "lat", "lon", "place", "poll"]
        case .mqtt: ["url", "topic", "path", "label", "unit", "decimals", "poll"]
        case .json: ["url", "path", "label", "unit", "decimals", "poll"]
        }
    }

    /// How often a source is polled unless its entry says `poll` (seconds).
    public var defaultPollSeconds: Double {
        switch self {
        case .vma, .cap, .trafiklab, .entur: 60
        case .mqtt, .json: 300
        case .rss, .smhi, .metno: 900
        case .ical: 1800
        }
    }

    /// Makes the source an entry describes, reporting every wrong field to the entry's sink;
    /// nil when it cannot be made.
    public func make(_ entry: ObjectReader, settings: SourceSettings) -> (any FeedSource)? {
        switch self {
        case .ical: CalendarSource.make(entry, settings: settings)
        case .mqtt: SensorSource.makeMQTT(entry, settings: settings)
        case .json: SensorSource.makeJSON(entry, settings: settings)
        case .vma: SourceConfig.vma(entry, settings: settings)
        case .cap: SourceConfig.cap(entry, settings: settings)
        case .rss: SourceConfig.rss(entry, settings: settings)
        case .trafiklab: TrafiklabSource.make(entry, settings: settings)
        case .entur: EnturSource.make(entry, settings: settings)
        case .smhi: SMHISource.make(entry, settings: settings)
        case .metno: MetNoSource.make(entry, settings: settings)
        }
    }
}
