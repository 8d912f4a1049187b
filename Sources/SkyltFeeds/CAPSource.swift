import FoundationEssentials
public import SkyltCore

/// Public warnings in CAP 1.2 (`type: "cap"`): one alert document, or an Atom feed whose
/// entries hold alerts inline or link to each alert's XML (as Krisinformation publishes).
/// Alerts are kept in an `AlertBook`; each is one urgent `alert` slide.
public final class CAPSource: FeedSource {
    /// The most linked alerts fetched in one round, newest entries first.
    public static let maxLinkedAlerts = 20
    /// The most seconds spent on linked alerts in one round: a slow server must not hold the
    /// service past its watchdog, nor every other channel's sources past their limits.
    public static let linkedBudgetSeconds = 60.0

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
        var book = AlertBook(context.memory.value)
        var skipped: [String] = []
        let messages: [CAPAlert]
        var unread: Set<String> = []
        var source = URL(string: url)?.host ?? "CAP"
        switch root.name {
        case "alert":
            guard let alert = CAPAlert(xml: root) else {
                throw FeedError(.parse, settings.subject, "the CAP alert has no identifier or sender")
            }
            messages = [alert]
        case "feed":
            source = root.childText("title").flatMap { FeedText.field($0, limit: .line) } ?? source
            var linked = LinkedRound(known: book.links, clock: context.clock)
            messages = entries(of: root, context: context, linked: &linked)
            skipped += linked.skipped
            unread = linked.unreadKeys
            book.links = linked.links
        default:
            throw FeedError(.parse, settings.subject, "the document is neither a CAP alert nor an Atom feed")
        }
        let policy = AlertPolicy(include: include, source: source, language: settings.language)
        skipped += book.apply(messages, policy: policy, now: context.now, keeping: unread)
        context.memory.value = book.memory
        lastSkipped = skipped
        return book.slides(at: context.now)
    }

    /// What one round learns of an Atom feed's linked alerts: the key each listed link gave
    /// (remembered, so that an alert whose link cannot be read this round is not taken as
    /// withdrawn), and the keys of those not read.
    struct LinkedRound {
        let known: [String: String]
        let clock: () -> Double
        let started: Double
        var links: [String: String] = [:]
        var unreadKeys: Set<String> = []
        var skipped: [String] = []
        var fetched = 0

        init(known: [String: String], clock: @escaping () -> Double) {
            self.known = known
            self.clock = clock
            started = clock()
        }

        /// Why the next link is not fetched, if it is not: the round's count or time is spent.
        var spent: String? {
            if fetched >= CAPSource.maxLinkedAlerts { return "more than \(CAPSource.maxLinkedAlerts) linked alerts" }
            if clock() - started >= CAPSource.linkedBudgetSeconds {
                return "the linked alerts took more than \(Int(CAPSource.linkedBudgetSeconds)) s"
            }
            return nil
        }

        /// A link not read this round keeps the alert it gave before, if any.
        mutating func unread(_ link: String) {
            guard let key = known[link] else { return }
            links[link] = key
            unreadKeys.insert(key)
        }
    }

    /// The alerts of an Atom feed's entries: inline in `content`, else fetched from the
    /// entry's link, within a count and a time budget, the watchdog told before each fetch.
    private func entries(of feed: XMLElement, context: RoundContext, linked: inout LinkedRound) -> [CAPAlert] {
        var messages: [CAPAlert] = []
        var spentNoted = false
        for entry in feed.children("entry") {
            if let inline = entry.child("content")?.child("alert") {
                if let alert = CAPAlert(xml: inline) {
                    messages.append(alert)
                } else {
                    linked.skipped.append("an entry's alert has no identifier")
                }
                continue
            }
            guard let link = alertLink(entry, skipped: &linked.skipped) else { continue }
            if let reason = linked.spent {
                if !spentNoted { linked.skipped.append("\(reason); the rest are not read") }
                spentNoted = true
                linked.unread(link)
                continue
            }
            linked.fetched += 1
            context.heartbeat()
            do throws(FeedError) {
                let alert = try fetchAlert(link, fetcher: context.fetcher)
                messages.append(alert)
                linked.links[link] = alert.reference.key
            } catch {
                linked.skipped.append(error.description)
                linked.unread(link)
            }
        }
        return messages
    }

    private func fetchAlert(_ link: String, fetcher: any DocumentFetching) throws(FeedError) -> CAPAlert {
        let shown = URLText.shown(link)
        let document = try fetcher.fetch(FeedRequest(url: link, maxBytes: Int64(SafeXML.maxBytes)))
        guard let alert = CAPAlert(xml: try SafeXML.parse(document.body, subject: shown)) else {
            throw FeedError(.parse, shown, "is not a CAP alert")
        }
        return alert
    }

    /// An entry's link to its alert: one typed as CAP or XML, else the alternate link;
    /// relative links resolved against the feed. Only links on the feed's own scheme, host
    /// and port are followed: a feed must not make the service fetch from the shop's
    /// network or any other server it names.
    private func alertLink(_ entry: XMLElement, skipped: inout [String]) -> String? {
        let links = entry.children("link")
        let typed = links.first { ($0.attributes["type"] ?? "").lowercased().contains("xml") }
        let alternate = links.first { ($0.attributes["rel"] ?? "alternate") == "alternate" }
        guard let href = (typed ?? alternate)?.attributes["href"]?.trimmed,
            let resolved = URL(string: href, relativeTo: URL(string: url))?.absoluteURL
        else {
            skipped.append("entry '\(entry.childText("id") ?? "?")' has neither an alert nor a link")
            return nil
        }
        guard let feed = URL(string: url), Self.origin(resolved) != nil, Self.origin(resolved) == Self.origin(feed)
        else {
            skipped.append("entry '\(entry.childText("id") ?? "?")' links to another server; not followed")
            return nil
        }
        return resolved.absoluteString
    }

    /// Scheme, host and port, the port filled in from the scheme; nil unless http or https.
    static func origin(_ url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host?.lowercased()
        else { return nil }
        return "\(scheme)://\(host):\(url.port ?? (scheme == "https" ? 443 : 80))"
    }
}
