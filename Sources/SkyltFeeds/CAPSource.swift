import FoundationEssentials
public import SkyltCore

/// Public warnings in CAP 1.2 (`type: "cap"`): one alert document, or an Atom feed whose
/// entries hold alerts inline or link to each alert's XML (as Krisinformation publishes).
/// Alerts are kept in an `AlertBook`; each is one urgent `alert` slide.
public final class CAPSource: FeedSource {
    /// The most linked alerts fetched in one round, newest entries first.
    public static let maxLinkedAlerts = 20

    let url: String
    let include: Set<AlertStatus>
    let settings: SourceSettings
    /// What the last round left out and why, for the service's log.
    public private(set) var lastSkipped: [String] = []

    public init(url: String, include: Set<AlertStatus> = [], settings: SourceSettings) {
        self.url = url
        self.include = include
        self.settings = settings
    }

    public func round(_ context: RoundContext) throws(FeedError) -> [JSONValue] {
        let document = try context.fetcher.fetch(
            FeedRequest(url: url, headers: ["Accept: application/cap+xml, application/atom+xml, application/xml"]))
        let root = try SafeXML.parse(document.body, subject: settings.subject)
        var skipped: [String] = []
        let messages: [CAPAlert]
        var complete = true
        var source = URL(string: url)?.host ?? "CAP"
        switch root.name {
        case "alert":
            guard let alert = CAPAlert(xml: root) else {
                throw FeedError(.parse, settings.subject, "the CAP alert has no identifier or sender")
            }
            messages = [alert]
        case "feed":
            source = root.childText("title").flatMap { FeedText.field($0, limit: .line) } ?? source
            (messages, complete) = entries(of: root, fetcher: context.fetcher, skipped: &skipped)
        default:
            throw FeedError(.parse, settings.subject, "the document is neither a CAP alert nor an Atom feed")
        }
        let policy = AlertPolicy(include: include, source: source, language: settings.language)
        var book = AlertBook(context.memory.value)
        skipped += book.apply(messages, policy: policy, now: context.now, withdrawUnlisted: complete)
        context.memory.value = book.memory
        lastSkipped = skipped
        return book.slides(at: context.now)
    }

    /// The alerts of an Atom feed's entries: inline in `content`, else fetched from the
    /// entry's link. `complete` is false when a linked alert could not be read, so that
    /// alerts missing from this round are not taken as withdrawn.
    private func entries(
        of feed: XMLElement, fetcher: any DocumentFetching, skipped: inout [String]
    ) -> (messages: [CAPAlert], complete: Bool) {
        var messages: [CAPAlert] = []
        var complete = true
        var fetched = 0
        for entry in feed.children("entry") {
            if let inline = entry.child("content")?.child("alert") {
                if let alert = CAPAlert(xml: inline) {
                    messages.append(alert)
                } else {
                    skipped.append("an entry's alert has no identifier")
                }
                continue
            }
            guard let link = alertLink(entry) else {
                skipped.append("entry '\(entry.childText("id") ?? "?")' has neither an alert nor a link")
                continue
            }
            guard fetched < Self.maxLinkedAlerts else {
                skipped.append("more than \(Self.maxLinkedAlerts) linked alerts; the rest are not read")
                complete = false
                break
            }
            fetched += 1
            do throws(FeedError) {
                let document = try fetcher.fetch(FeedRequest(url: link, maxBytes: Int64(SafeXML.maxBytes)))
                guard let alert = CAPAlert(xml: try SafeXML.parse(document.body, subject: link)) else {
                    throw FeedError(.parse, link, "is not a CAP alert")
                }
                messages.append(alert)
            } catch {
                skipped.append(error.description)
                complete = false
            }
        }
        return (messages, complete)
    }

    /// An entry's link to its alert: one typed as CAP or XML, else the alternate link;
    /// relative links resolved against the feed, and only http or https followed.
    private func alertLink(_ entry: XMLElement) -> String? {
        let links = entry.children("link")
        let typed = links.first { ($0.attributes["type"] ?? "").lowercased().contains("xml") }
        let alternate = links.first { ($0.attributes["rel"] ?? "alternate") == "alternate" }
        guard let href = (typed ?? alternate)?.attributes["href"]?.trimmed,
            let resolved = URL(string: href, relativeTo: URL(string: url))?.absoluteString,
            resolved.hasPrefix("http://") || resolved.hasPrefix("https://")
        else { return nil }
        return resolved
    }
}
