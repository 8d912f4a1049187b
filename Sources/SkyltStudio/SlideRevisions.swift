import Foundation
public import SkyltCore
import SkyltStore

/// One saved revision of a slide, as its history lists it.
public struct SlideRevision: Sendable, Equatable {
    public var number: Int
    /// ISO 8601, UTC.
    public var createdAt: String
    public var author: SlideActor
    /// True for the approved revision, the one the next publish sends to the screens.
    public var isLive: Bool
}

extension Studio {
    /// The slide's revisions, newest first.
    public func revisions(of key: String, channel: ChannelRecord) throws(StudioError) -> [SlideRevision] {
        let slideID = try self.slideID(key, of: channel)
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT r.number, r.created_at, r.author_id, u.name, r.id = s.live_revision_id
                FROM slide_revisions r JOIN slides s ON s.id = r.slide_id
                LEFT JOIN users u ON u.id = r.author_id
                WHERE r.slide_id = ? ORDER BY r.number DESC
                """, [.integer(slideID)])
        }
        return rows.map { row in
            SlideRevision(
                number: row[0].int ?? 0, createdAt: row[1].string ?? "",
                author: row[2].int == nil ? .commandLine : .user(row[3].string ?? "?"), isLive: row[4].int == 1)
        }
    }

    /// Saves revision `number`'s content (and media) again as the newest revision: nothing is
    /// ever lost by restoring. Approved at once only when the author approves. Returns the new
    /// revision's number.
    @discardableResult
    public func restoreRevision(_ number: Int, of key: String, channel: ChannelRecord, author: SlideAuthor)
        throws(StudioError) -> Int
    {
        try transaction { () throws(StudioError) in
            let slideID = try self.slideID(key, of: channel)
            let text = try storing { () throws(StoreError) in
                try database.query(
                    "SELECT content_json FROM slide_revisions WHERE slide_id = ? AND number = ?",
                    [.integer(slideID), .init(number)]
                ).first?[0].string
            }
            guard let text, let content = try? JSONValue.parse(Data(text.utf8)) else {
                throw StudioError(.unknownRevision, location: "\(channel.name)/\(key)", message: "revision \(number)")
            }
            let review = try reviewOfEdit(slideID: slideID, created: false, author: author)
            let media = try mediaRows(
                for: content, previous: try revisionMedia(slideID: slideID, number: number), uploads: [])
            let added = try addRevision(slideID: slideID, content: content, media: media, author: author)
            try recordEdit(review, slideID: slideID, subject: "\(channel.name)/\(key)", revision: added)
            try audit(
                "slide.restore", subject: "\(channel.name)/\(key)",
                detail: "revision \(number) as \(added), \(author.approves ? "approved" : "waits for approval")")
            return added
        }
    }

    /// The files a slide's content references, by path to their hash in the media store: the
    /// slide's own revisions' rows, the channel's import, and `uploads` (paths stored by this
    /// request) when in the store. Any other upload path, such as another channel's, is left
    /// out like a path found nowhere (the slide's check then names it).
    public func media(
        of content: JSONValue, slide key: String?, channel: ChannelRecord, uploads: Set<String> = []
    ) throws(StudioError) -> [String: String] {
        var known: [String: String] = [:]
        let imported = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT path, sha256 FROM media WHERE import_id =
                    (SELECT max(id) FROM channel_imports WHERE channel_id = ?)
                """, [.integer(channel.id)])
        }
        for row in imported {
            if let path = row[0].string, let hash = row[1].string { known[path] = hash }
        }
        if let key, let slideID = try? slideID(key, of: channel) {
            known.merge(try allRevisionMedia(slideID: slideID)) { _, revision in revision }
        }
        var found: [String: String] = [:]
        for path in SlideMedia.paths(in: content) {
            if let hash = known[path] {
                found[path] = hash
            } else if uploads.contains(path), let hash = SlideMedia.uploadHash(path),
                try storing({ () throws(StoreError) in try media.contains(hash) })
            {
                found[path] = hash
            }
        }
        return found
    }
}

/// The media a slide's JSON refers to, and the names the studio gives uploads.
public enum SlideMedia {
    /// The fields of a slide that hold a media path.
    static let mediaFields = ["image"]

    /// The media paths `content` references: its `image`, each reading's `audio` and the
    /// `file` of every `qr` object, however deep, so that staging copies the visitor files,
    /// revisions own them and the media sweep keeps them. Each path once, in the order found.
    public static func paths(in content: JSONValue) -> [String] {
        var seen: Set<String> = []
        return references(in: content).map(\.path).filter { seen.insert($0).inserted }
    }

    /// Each media reference of `content` with the slide's JSON path of its field (`image`,
    /// `readings[1].audio`, `qr.file`), so that a refusal can be shown at that field.
    public static func references(in content: JSONValue) -> [(field: String, path: String)] {
        guard case .object(let fields) = content else { return [] }
        var found: [(field: String, path: String)] = mediaFields.compactMap { key in
            if case .string(let path)? = fields[key] { return (key, path) }
            return nil
        }
        visitorReferences(in: content, at: "", into: &found)
        return found
    }

    /// Appends the `readings[i].audio` and `qr.file` references found anywhere under `value`,
    /// whose own path is `prefix`.
    private static func visitorReferences(
        in value: JSONValue, at prefix: String, into found: inout [(field: String, path: String)]
    ) {
        let dot = prefix.isEmpty ? "" : prefix + "."
        switch value {
        case .object(let fields):
            if case .object(let qr)? = fields["qr"], case .string(let path)? = qr["file"] {
                found.append((dot + "qr.file", path))
            }
            if case .array(let readings)? = fields["readings"] {
                for (index, item) in readings.enumerated() {
                    if case .object(let reading) = item, case .string(let path)? = reading["audio"] {
                        found.append((dot + "readings[\(index)].audio", path))
                    }
                }
            }
            for (key, child) in fields.sorted(by: { $0.key < $1.key }) where key != "qr" && key != "readings" {
                visitorReferences(in: child, at: dot + key, into: &found)
            }
        case .array(let items):
            for (index, item) in items.enumerated() {
                visitorReferences(in: item, at: "\(prefix)[\(index)]", into: &found)
            }
        default:
            return
        }
    }

    /// The path an upload is referenced by: `media/<sha256>.<ext>`, never the browser's name.
    public static func uploadPath(hash: String, fileExtension: String) -> String {
        "media/\(hash).\(fileExtension)"
    }

    /// The hash in an upload's path, or nil for any other path.
    public static func uploadHash(_ path: String) -> String? {
        guard path.hasPrefix("media/") else { return nil }
        let name = path.dropFirst("media/".count)
        guard let dot = name.firstIndex(of: "."), !name[name.index(after: dot)...].contains("/") else { return nil }
        let hash = String(name[..<dot])
        return MediaStore.isHash(hash) ? hash : nil
    }
}
