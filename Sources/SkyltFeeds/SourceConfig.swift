import FoundationEssentials
import SkyltCore

/// The config entries of the warning and news sources, each field checked and every problem
/// reported to the entry's sink.
enum SourceConfig {
    static func vma(_ entry: ObjectReader, settings: SourceSettings) -> (any FeedSource)? {
        let before = entry.sink.problems.count
        let url = link(entry, required: false)
        let geocode = entry.string("geocode", required: true, limit: .singleLine)
        if let geocode, geocode.count != 4 || !geocode.allSatisfy(\.isASCII) || !geocode.allSatisfy(\.isNumber) {
            entry.sink.report(
                entry.fieldPath("geocode"), "'\(geocode)' is not a municipality's SCB code such as '0781'")
        }
        let include = statuses(entry)
        guard let geocode, entry.sink.problems.count == before else { return nil }
        return VMASource(url: url, geocode: geocode, include: include, settings: settings)
    }

    static func cap(_ entry: ObjectReader, settings: SourceSettings) -> (any FeedSource)? {
        let before = entry.sink.problems.count
        let url = link(entry, required: true)
        let include = statuses(entry)
        guard let url, entry.sink.problems.count == before else { return nil }
        return CAPSource(url: url, include: include, settings: settings)
    }

    static func rss(_ entry: ObjectReader, settings: SourceSettings) -> (any FeedSource)? {
        let before = entry.sink.problems.count
        let url = link(entry, required: true)
        let items = entry.number("items", in: 1...Double(NewsSource.maxItems))
        if let items, items != items.rounded() {
            entry.sink.report(entry.fieldPath("items"), "must be a whole number from 1 to \(NewsSource.maxItems)")
        }
        guard let url, entry.sink.problems.count == before else { return nil }
        return NewsSource(url: url, items: items.map { Int($0) } ?? NewsSource.defaultItems, settings: settings)
    }

    /// `url`: an http or https link.
    private static func link(_ entry: ObjectReader, required: Bool) -> String? {
        guard let url = entry.string("url", required: required, limit: .singleLine) else { return nil }
        // A VMA link may name the municipality as `{geocode}`, filled in when fetched.
        guard let parsed = URL(string: url.replacingAll("{geocode}", with: "0")),
            ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
            parsed.host?.isEmpty == false
        else {
            entry.sink.report(entry.fieldPath("url"), "'\(url)' is not an http or https link")
            return nil
        }
        return url
    }

    /// `include`: the alert statuses shown besides actual ones, "exercise" and "test".
    private static func statuses(_ entry: ObjectReader) -> Set<AlertStatus> {
        var statuses: Set<AlertStatus> = []
        for name in entry.stringArray("include") ?? [] {
            guard let status = AlertStatus(rawValue: name), status != .actual else {
                entry.sink.report(entry.fieldPath("include"), "'\(name)' is not 'exercise' or 'test'")
                continue
            }
            statuses.insert(status)
        }
        return statuses
    }
}
