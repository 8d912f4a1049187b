import FoundationEssentials
import SkyltBundle
import SkyltCore

/// One publication of a channel: its new version and how many slides it shows.
public struct FeedsPublication: Sendable, Equatable {
    public var channel: String
    public var version: Int
    public var slides: Int

    public init(channel: String, version: Int, slides: Int) {
        self.channel = channel
        self.version = version
        self.slides = slides
    }
}

/// Turns a channel's slides into a signed bundle in `<site>/<name>/`: the playlist is checked
/// as a kiosk will read it, a slide the reader refuses is dropped (and logged), and nothing is
/// written when the playlist is the one already published (no new version for nothing).
struct ChannelPublisher {
    let channel: FeedsChannel
    let key: SecretKey?
    let site: URL
    /// An empty folder: the data templates have no media to read from it.
    let mediaFolder: URL
    let logger: Logger

    var out: URL { site.appendingPathComponent(channel.name) }

    /// The playlist of `slides` (ids already unique in the channel) as the service publishes it.
    func playlist(_ slides: [JSONValue]) -> JSONValue {
        .object([
            "name": .string(channel.name), "defaultLanguage": .string(channel.language),
            "timeZone": .string(channel.timeZone.identifier), "slides": .array(slides),
        ])
    }

    /// `slides` without those the playlist reader refuses, and the problems that refused them.
    /// Throws when the reader refuses the playlist as a whole: publishing then would replace
    /// the kiosks' last good bundle with an empty one.
    func checked(_ slides: [JSONValue]) throws(FeedError) -> (slides: [JSONValue], problems: [Problem]) {
        let reading = PlaylistReader.read(data: playlist(slides).canonicalData(), folder: mediaFolder)
        guard let read = reading.playlist else {
            let reasons = reading.problems.map { URLText.redacted($0.description) }.joined(separator: "; ")
            throw FeedError(.publish, channel.name, "the playlist is refused as a whole: \(reasons)")
        }
        let accepted = Set(read.slides.map(\.id))
        var seen: Set<String> = []
        let kept = slides.filter { slide in
            guard case .object(let fields) = slide, case .string(let id) = fields["id"] ?? .null else { return false }
            return accepted.contains(id) && seen.insert(id).inserted
        }
        return (kept, reading.problems)
    }

    /// Publishes `slides` when they differ from the published playlist, or when the published
    /// manifest has lived half its life (kiosks refuse an expired one, even if nothing changed).
    /// Nil when nothing needed publishing.
    func publish(_ slides: [JSONValue], now: Date) throws(FeedError) -> FeedsPublication? {
        let (kept, problems) = try checked(withinBudget(slides))
        for problem in problems {
            logger.warning("feeds: \(channel.name): slide dropped: \(URLText.redacted(problem.description))")
        }
        let document = playlist(kept)
        if let published = publishedManifest(), published.playlist == document,
            published.expires.timeIntervalSince(now) > channel.expiresDays * 86400 / 2
        {
            return nil
        }
        guard let key else {
            throw FeedError(.publish, channel.name, "has no signing key")
        }
        let options = BundleWriter.Options(
            channel: channel.name, expiryDays: channel.expiresDays, now: now, publicModes: true)
        do {
            try FileManager.default.createDirectory(at: mediaFolder, withIntermediateDirectories: true)
            let manifest = try BundleWriter.publish(
                source: mediaFolder, playlist: document, key: key, out: out, options: options
            ) { _ in }
            logger.notice("feeds: \(channel.name): published version \(manifest.version), \(kept.count) slides")
            return FeedsPublication(channel: channel.name, version: manifest.version, slides: kept.count)
        } catch {
            throw FeedError(.publish, channel.name, "cannot be published: \(error)", cause: error)
        }
    }

    /// `slides` cut to what a kiosk reads (`PlaylistReader.maxPlaylistBytes`, and
    /// `maxSlidesPerPlaylist`): while the playlist is too large, the last slide of the source whose slides weigh most is dropped,
    /// so one source's long texts (a calendar's descriptions) cannot take the others with it.
    func withinBudget(
        _ slides: [JSONValue], budget: Int = PlaylistReader.maxPlaylistBytes,
        maxSlides: Int = PlaylistReader.maxSlidesPerPlaylist
    ) -> [JSONValue] {
        let sizes = slides.map { $0.canonicalData().count + 1 }
        var total = playlist([]).canonicalData().count + sizes.reduce(0, +)
        guard total > budget || slides.count > maxSlides else { return slides }
        var bySource: [String: [Int]] = [:]
        for index in slides.indices { bySource[Self.source(of: slides[index]), default: []].append(index) }
        var dropped: Set<Int> = []
        while total > budget || slides.count - dropped.count > maxSlides,
            let heaviest = Self.heaviest(bySource, sizes: sizes),
            let index = bySource[heaviest]?.popLast()
        {
            dropped.insert(index)
            total -= sizes[index]
        }
        logger.warning(
            "feeds: \(channel.name): the playlist is over \(budget) bytes or \(maxSlides) slides; "
                + "\(dropped.count) slides dropped")
        return slides.indices.filter { !dropped.contains($0) }.map { slides[$0] }
    }

    /// The source a slide came from: its id's prefix, the source's index in the channel.
    private static func source(of slide: JSONValue) -> String {
        guard case .object(let fields) = slide, case .string(let id) = fields["id"] ?? .null else { return "" }
        return String(id.prefix { $0 != "-" })
    }

    private static func heaviest(_ bySource: [String: [Int]], sizes: [Int]) -> String? {
        bySource.filter { !$0.value.isEmpty }
            .map { (source: $0.key, bytes: $0.value.reduce(0) { $0 + sizes[$1] }) }
            .max { ($0.bytes, $1.source) < ($1.bytes, $0.source) }?.source
    }

    /// The manifest in the bundle folder now, if it can be read.
    func publishedManifest() -> Manifest? {
        let file = out.appendingPathComponent(Manifest.fileName)
        guard FileManager.default.fileExists(atPath: file.path),
            let data = try? BundleCheck.read(file, limit: Manifest.maxBytes)
        else { return nil }
        return try? Manifest.decode(data, source: file.path)
    }
}
