import FoundationEssentials
public import SkyltCore

/// News from an RSS 2.0 or Atom feed (`type: "rss"`): the newest `items` entries, each a
/// `news` slide with its headline, a summary reduced from the item's HTML to plain text, when
/// it was published, a QR code to the article and the feed's name.
public final class NewsSource: FeedSource {
    public static let defaultItems = 5
    public static let maxItems = 20
    /// A summary is a glance, not the article: about 300 characters, cut at a word.
    public static let summaryCharacters = 300

    let url: String
    let items: Int
    let settings: SourceSettings
    /// What the last round left out and why, for the service's log.
    public private(set) var lastSkipped: [String] = []

    public init(url: String, items: Int = defaultItems, settings: SourceSettings) {
        self.url = url
        self.items = min(max(items, 1), Self.maxItems)
        self.settings = settings
    }

    /// One item of either format, its texts still as the feed has them.
    struct Item {
        var identity: String?
        var title: String?
        var titleIsHTML: Bool
        var summary: String?
        var published: Date?
        var link: String?
    }

    public func round(_ context: RoundContext) throws(FeedError) -> [JSONValue] {
        let document = try context.fetcher.fetch(
            FeedRequest(url: url, headers: ["Accept: application/rss+xml, application/atom+xml, application/xml"]))
        let root = try SafeXML.parse(document.body, subject: settings.subject)
        let (title, found) = try read(root)
        let source =
            title.flatMap { FeedText.field($0, limit: .line, shortenTo: 60) } ?? URL(string: url)?.host ?? "RSS"
        let newest = found.enumerated().sorted { a, b in
            let (first, second) = (a.element.published ?? .distantPast, b.element.published ?? .distantPast)
            return first != second ? first > second : a.offset < b.offset
        }
        var slides: [JSONValue] = []
        var ids: Set<String> = []
        var skipped: [String] = []
        for (_, item) in newest where slides.count < items {
            guard let slide = Self.slide(item, source: source), case .object(let fields) = slide,
                case .string(let id) = fields["id"], ids.insert(id).inserted
            else {
                skipped.append("an item without a headline (or a repeated one) is left out")
                continue
            }
            slides.append(slide)
        }
        lastSkipped = skipped
        return slides
    }

    /// The feed's title and items, RSS 2.0 (`rss/channel/item`, also RSS 1.0's `rdf:RDF`)
    /// or Atom (`feed/entry`).
    private func read(_ root: XMLElement) throws(FeedError) -> (String?, [Item]) {
        switch root.name {
        case "rss":
            let channel = root.child("channel")
            return (channel?.childText("title"), (channel?.children("item") ?? []).map(Self.rssItem))
        case "RDF":
            return (root.child("channel")?.childText("title"), root.children("item").map(Self.rssItem))
        case "feed":
            return (root.childText("title"), root.children("entry").map(Self.atomEntry))
        default:
            throw FeedError(.parse, settings.subject, "the document is neither an RSS nor an Atom feed")
        }
    }

    static func rssItem(_ item: XMLElement) -> Item {
        let link = item.childText("link")
        return Item(
            identity: item.childText("guid") ?? link ?? item.childText("title"), title: item.childText("title"),
            titleIsHTML: false, summary: item.childText("description") ?? item.childText("encoded"),
            published: (item.childText("pubDate") ?? item.childText("date")).flatMap(date), link: link)
    }

    static func atomEntry(_ entry: XMLElement) -> Item {
        let links = entry.children("link")
        let link = links.first { ($0.attributes["rel"] ?? "alternate") == "alternate" } ?? links.first
        let summary = entry.child("summary") ?? entry.child("content")
        return Item(
            identity: entry.childText("id") ?? link?.attributes["href"], title: atomText(entry.child("title")),
            titleIsHTML: entry.child("title")?.attributes["type"] == "html",
            summary: atomText(summary),
            published: (entry.childText("updated") ?? entry.childText("published")).flatMap(date),
            link: link?.attributes["href"]?.trimmed)
    }

    /// An Atom text construct: `xhtml` is markup already parsed, so its text is taken whole.
    private static func atomText(_ element: XMLElement?) -> String? {
        guard let element else { return nil }
        let text = element.allText.trimmed
        return text.isEmpty ? nil : text
    }

    /// RFC 822 (RSS) or ISO 8601 (Atom, Dublin Core).
    static func date(_ text: String) -> Date? { ISO8601.parse(text) ?? RFC822Date.parse(text) }

    /// The item's slide; nil when it has no headline left after cleaning.
    static func slide(_ item: Item, source: String) -> JSONValue? {
        let rawTitle = item.titleIsHTML ? item.title.flatMap(HTMLText.plain) : item.title
        guard let headline = FeedText.field(rawTitle, limit: .title) else { return nil }
        var fields: [String: JSONValue] = [
            "id": .string(SlideID.make("news", item.identity ?? headline)),
            "template": .string("news"), "headline": .string(headline), "source": .string(source),
        ]
        if let summary = item.summary.flatMap(HTMLText.plain) {
            fields["summary"] = .string(FeedText.shortened(summary, to: summaryCharacters))
        }
        if let published = item.published { fields["published"] = .string(ISO8601.format(published)) }
        if let link = item.link, let url = qrLink(link) { fields["qr"] = .object(["url": .string(url)]) }
        return .object(fields)
    }

    /// `link` when a QR code can carry it: http or https with a host, at most 512 bytes, no
    /// spaces or control characters.
    static func qrLink(_ link: String) -> String? {
        guard link.utf8.count <= PlaylistReader.maxURLLength,
            !link.unicodeScalars.contains(where: {
                $0.properties.isWhitespace || ControlCharacters.isRefused($0, lineBreaks: true)
            }),
            let url = URL(string: link), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host?.isEmpty == false
        else { return nil }
        return link
    }
}
