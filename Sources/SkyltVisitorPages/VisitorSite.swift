public import FoundationEssentials
import SkyltBundle
public import SkyltCore
import SkyltHTML

/// The small static site for visitors that is published beside a bundle, in `<out>/v`:
/// `v/<slide>/<lang>.html` for each story reading with audio or text, `v/<slide>/file.html` for
/// each QR code's downloadable file, `v/media/<sha256>.<ext>` for the files they offer, and
/// `v/visit.css`. Kiosks never see it: their playlist only has the pages' links.
public enum VisitorSite {
    /// The folder under the published folder; every visitor link starts with it.
    public static let folderName = "v"

    /// What a write put in place.
    public struct Summary: Sendable, Equatable {
        /// The pages, as paths under the published folder (`v/story/sv.html`).
        public var pages: [String]
        /// How many media files the pages offer.
        public var mediaFiles: Int
    }

    /// Writes the site of `playlist` (read with the same base URL its codes were drawn with)
    /// into `out/v`. The new site is built in `out/v.new` and then swapped in, so a half-written
    /// site is never served; a playlist without visitor content removes an old `v`.
    ///
    /// `publicModes`: every file 0644 and folder 0755 before the swap, whatever the umask, so
    /// that a server keeping its own files private (the studio, umask 077) still publishes
    /// pages that nginx, another user, reads. False (`skylt publish`): the umask decides.
    @discardableResult
    public static func write(playlist: Playlist, into out: URL, publicModes: Bool = false) throws(VisitorSiteError)
        -> Summary
    {
        let final = out.appendingPathComponent(folderName)
        let staging = out.appendingPathComponent(folderName + ".new")
        try SiteFiles.remove(staging)
        guard playlist.firstVisitorField != nil else {
            try SiteFiles.remove(final)
            return Summary(pages: [], mediaFiles: 0)
        }
        var builder = SiteBuilder(playlist: playlist, root: staging)
        try SiteFiles.createFolder(staging.appendingPathComponent(SiteBuilder.mediaFolder))
        try SiteFiles.write(
            Data(VisitorStylesheet.text.utf8), to: staging.appendingPathComponent(VisitorStylesheet.fileName))
        for slide in playlist.slides { try builder.addPages(of: slide) }
        if publicModes { try SiteFiles.makePublic(staging) }
        try SiteFiles.swap(staging, into: final)
        return Summary(pages: builder.pages.map { folderName + "/" + $0 }, mediaFiles: builder.mediaFiles)
    }

    /// The playlist as kiosks get it: every reading's `audio` and `text` and every QR code's
    /// `file` replaced by the `url` of its visitor page under `baseURL`. Pure, so the studio's
    /// publish can call it too; kiosks then neither download the files nor know these fields.
    public static func kioskPlaylist(_ json: JSONValue, baseURL: String) -> JSONValue {
        guard case .object(var root) = json, case .array(let slides) = root["slides"] ?? .null else { return json }
        root["slides"] = .array(slides.map { kioskSlide($0, baseURL: baseURL) })
        return .object(root)
    }

    static func kioskSlide(_ slide: JSONValue, baseURL: String) -> JSONValue {
        guard case .object(var fields) = slide, case .string(let id) = fields["id"] ?? .null else { return slide }
        if case .array(let readings) = fields["readings"] ?? .null {
            fields["readings"] = .array(
                readings.map { item in
                    guard case .object(var reading) = item, reading["audio"] != nil || reading["text"] != nil,
                        case .string(let language) = reading["language"] ?? .null
                    else { return item }
                    reading["audio"] = nil
                    reading["text"] = nil
                    reading["url"] = .string(
                        VisitorLinks.url(base: baseURL, path: VisitorLinks.readingPath(slide: id, language: language)))
                    return .object(reading)
                })
        }
        if case .object(var qr) = fields["qr"] ?? .null, qr["file"] != nil {
            qr["file"] = nil
            qr["url"] = .string(VisitorLinks.url(base: baseURL, path: VisitorLinks.filePath(slide: id)))
            fields["qr"] = .object(qr)
        }
        return .object(fields)
    }
}

/// Builds the pages of one site in its staging folder, copying each media file once.
struct SiteBuilder {
    static let mediaFolder = "media"

    let playlist: Playlist
    let root: URL
    /// Paths of the pages written, relative to the site's folder.
    private(set) var pages: [String] = []
    /// Each source file as published (`media/<sha256>.<ext>`), by its path.
    private var published: [String: VisitorPage.Media] = [:]
    /// How many distinct files the pages offer.
    var mediaFiles: Int { Set(published.values.map(\.href)).count }

    init(playlist: Playlist, root: URL) {
        self.playlist = playlist
        self.root = root
    }

    mutating func addPages(of slide: Slide) throws(VisitorSiteError) {
        let fallback = playlist.defaultLanguage
        if case .story(let title, let author, _, let readings, _) = slide.content {
            for reading in readings where reading.hasVisitorPage {
                let audio = try reading.audio.map { (url) throws(VisitorSiteError) in try media(url, audio: true) }
                let others = readings.filter { $0.language != reading.language && $0.hasVisitorPage }
                let page = try build(slide) { () throws in
                    try VisitorPage.reading(
                        title: VisitorPage.words(title, in: reading.language, fallback: fallback),
                        author: VisitorPage.words(author, in: reading.language, fallback: fallback),
                        language: reading.language, audio: audio, text: reading.text, others: others)
                }
                try add(page, at: VisitorLinks.readingPath(slide: slide.id, language: reading.language))
            }
        }
        if let link = slide.qrLink, let file = link.file {
            let download = try media(file, audio: false)
            let label =
                link.label.map { VisitorPage.words($0, in: fallback, fallback: fallback) }
                ?? VisitorPage.Words(text: file.lastPathComponent, language: fallback)
            let page = try build(slide) { () throws in
                try VisitorPage.file(label: label, language: fallback, media: download)
            }
            try add(page, at: VisitorLinks.filePath(slide: slide.id))
        }
    }

    /// A page from the builder, whose refusals (a value it will not put in an attribute) say
    /// which slide they come from.
    private func build(_ slide: Slide, _ make: () throws -> HTML) throws(VisitorSiteError) -> HTML {
        do {
            return try make()
        } catch {
            throw VisitorSiteError(.invalidPage, path: "slide '\(slide.id)'", reason: "\(error)")
        }
    }

    /// Writes `page` at `path` (`v/<slide>/<name>.html`, as the links name it).
    private mutating func add(_ page: HTML, at path: String) throws(VisitorSiteError) {
        let relative = String(path.dropFirst(VisitorSite.folderName.count + 1))
        let url = root.appendingPathComponent(relative)
        try SiteFiles.createFolder(url.deletingLastPathComponent())
        try SiteFiles.write(page.data, to: url)
        pages.append(relative)
    }

    /// Copies `file` to `media/<sha256>.<ext>` (once) and says how a page links to it.
    private mutating func media(_ file: URL, audio: Bool) throws(VisitorSiteError) -> VisitorPage.Media {
        if let known = published[file.path] { return known }
        let head = VisitorFileKind.head(of: file) ?? []
        guard let kind = audio ? VisitorFileKind.audio(head: head) : VisitorFileKind.download(head: head) else {
            throw VisitorSiteError(.cannotRead, path: file.path, reason: "is no longer a file of a known kind")
        }
        let hash: (hex: String, size: Int)
        do {
            hash = try SHA256Hasher.hashFile(file)
        } catch {
            throw VisitorSiteError(.cannotRead, path: file.path, reason: "cannot be read: \(error)")
        }
        let name = hash.hex + "." + kind.fileExtension
        let target = root.appendingPathComponent(Self.mediaFolder).appendingPathComponent(name)
        // Two paths may hold the same bytes: one copy serves both.
        if !FileManager.default.fileExists(atPath: target.path) { try SiteFiles.copy(file, to: target) }
        let media = VisitorPage.Media(
            href: "../\(Self.mediaFolder)/\(name)", kind: kind, size: hash.size, downloadName: file.lastPathComponent)
        published[file.path] = media
        return media
    }
}
