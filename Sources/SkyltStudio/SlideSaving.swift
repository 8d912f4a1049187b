import Foundation
public import SkyltCore
import SkyltStore

/// Who saves a slide and whether the save goes to the screens at once.
public struct SlideAuthor: Sendable, Equatable {
    public var userID: Int64
    /// True for a publisher (or admin) of the channel: their save is approved at once. A
    /// contributor's save waits for a publisher.
    public var approves: Bool
    /// The organisation that sends a contributor's new slide, when they belong to several
    /// (with one, it is theirs; with none, they cannot contribute). Unused for publishers and
    /// for slides that have their organisation already.
    public var organisationID: Int64?

    public init(userID: Int64, approves: Bool, organisationID: Int64? = nil) {
        self.userID = userID
        self.approves = approves
        self.organisationID = organisationID
    }
}

extension Studio {
    /// Saves `content` as the next revision of slide `key` (made at the end of the channel's
    /// list when `create`). A publisher's revision is approved at once; a contributor's is a
    /// draft of their organisation's (`ContributionWorkflow`'s edit), to be submitted, and a
    /// contributor cannot change another organisation's slide or a publisher's own.
    /// The revision owns the `uploads` it references (`media/<sha256>.<ext>` in the store, taken
    /// in by this save) and carries over the media of the slide's earlier revisions that it still
    /// references; an upload path of any other slide or channel gets no row (so publish leaves
    /// it out). Returns the new revision's number.
    @discardableResult
    public func saveSlide(
        _ key: String, content: JSONValue, channel: ChannelRecord, author: SlideAuthor, create: Bool = false,
        uploads: Set<String> = []
    ) throws(StudioError) -> Int {
        try transaction { () throws(StudioError) in
            let slideID: Int64
            if create {
                slideID = try storing { () throws(StoreError) in
                    try database.execute(
                        """
                        INSERT INTO slides (channel_id, slide_key, position) VALUES (?, ?,
                            (SELECT coalesce(max(position), -1) + 1 FROM slides WHERE channel_id = ?))
                        """, [.integer(channel.id), .text(key), .integer(channel.id)])
                    return database.lastInsertRowID
                }
            } else {
                slideID = try self.slideID(key, of: channel)
            }
            let review = try reviewOfEdit(slideID: slideID, created: create, author: author)
            let previous = try allRevisionMedia(slideID: slideID)
            let media = try mediaRows(for: content, previous: previous, uploads: uploads)
            let number = try addRevision(slideID: slideID, content: content, media: media, author: author)
            try audit(
                create ? "slide.create" : "slide.revise", subject: "\(channel.name)/\(key)",
                detail: "revision \(number), \(author.approves ? "approved" : "waits for approval")")
            try recordEdit(review, slideID: slideID, subject: "\(channel.name)/\(key)", revision: number)
            return number
        }
    }

    /// Makes revision `revision` the live one, approved by `userID` (a publisher), but only
    /// while it is still the slide's newest: a publisher approves what the slide's page showed
    /// them, never a revision saved after they looked (`staleRevision`). A contribution must
    /// be submitted and within the channel's limits (`approveReview`).
    public func approveSlide(_ key: String, revision: Int, channel: ChannelRecord, by userID: Int64)
        throws(StudioError)
    {
        try transaction { () throws(StudioError) in
            let slideID = try self.slideID(key, of: channel)
            let newest = try storing { () throws(StoreError) in
                try database.query(
                    "SELECT id, number FROM slide_revisions WHERE slide_id = ? ORDER BY number DESC LIMIT 1",
                    [.integer(slideID)]
                ).first
            }
            guard let newest, newest[1].int == revision, let revisionID = newest[0].int else {
                throw StudioError(.staleRevision, location: "\(channel.name)/\(key)", message: "revision \(revision)")
            }
            try storing { () throws(StoreError) in
                try database.execute(
                    "UPDATE slides SET live_revision_id = ?, approved_by = ?, approved_at = ? WHERE id = ?",
                    [.integer(Int64(revisionID)), .integer(userID), .text(Self.timestamp()), .integer(slideID)])
            }
            try approveReview(slideID: slideID, key: key, revision: revision, channel: channel)
            try audit("slide.approve", subject: "\(channel.name)/\(key)", detail: "revision \(revision)")
        }
    }

    /// Takes the slide off the list (and off the screens at the next publish), or puts it back.
    public func setArchived(_ key: String, channel: ChannelRecord, archived: Bool) throws(StudioError) {
        try transaction { () throws(StudioError) in
            let slideID = try self.slideID(key, of: channel)
            try storing { () throws(StoreError) in
                try database.execute(
                    "UPDATE slides SET archived = ? WHERE id = ?", [.integer(archived ? 1 : 0), .integer(slideID)])
            }
            try audit(archived ? "slide.archive" : "slide.unarchive", subject: "\(channel.name)/\(key)")
        }
    }

    /// Adds revision `number + 1` with its media rows, approved when the author approves.
    func addRevision(
        slideID: Int64, content: JSONValue, media: [(path: String, hash: String)], author: SlideAuthor
    ) throws(StudioError) -> Int {
        let text = String(decoding: content.canonicalData(), as: UTF8.self)
        return try storing { () throws(StoreError) in
            let number =
                (try database.query(
                    "SELECT max(number) FROM slide_revisions WHERE slide_id = ?", [.integer(slideID)]
                ).first?[0].int ?? 0) + 1
            let now = Self.timestamp()
            try database.execute(
                """
                INSERT INTO slide_revisions (slide_id, number, content_json, created_at, author_id)
                VALUES (?, ?, ?, ?, ?)
                """, [.integer(slideID), .init(number), .text(text), .text(now), .integer(author.userID)])
            let revisionID = database.lastInsertRowID
            for medium in media {
                try database.execute(
                    "INSERT INTO media (revision_id, path, sha256) VALUES (?, ?, ?)",
                    [.integer(revisionID), .text(medium.path), .text(medium.hash)])
            }
            if author.approves {
                try database.execute(
                    "UPDATE slides SET live_revision_id = ?, approved_by = ?, approved_at = ? WHERE id = ?",
                    [.integer(revisionID), .integer(author.userID), .text(now), .integer(slideID)])
            }
            return number
        }
    }

    /// The media rows a revision with `content` owns: every path it references that has a row
    /// in `previous`, else that is one of `uploads` and in the store (its name holds its hash).
    /// Paths of the channel's import need no row: publish takes them from the import.
    func mediaRows(for content: JSONValue, previous: [String: String], uploads: Set<String>) throws(StudioError)
        -> [(path: String, hash: String)]
    {
        var rows: [(path: String, hash: String)] = []
        for path in SlideMedia.paths(in: content) {
            if let hash = previous[path] {
                rows.append((path, hash))
            } else if uploads.contains(path), let hash = SlideMedia.uploadHash(path),
                try storing({ () throws(StoreError) in try media.contains(hash) })
            {
                rows.append((path, hash))
            }
        }
        return rows
    }

    /// The media rows of every revision of the slide, by path: what the slide itself has had.
    func allRevisionMedia(slideID: Int64) throws(StudioError) -> [String: String] {
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT m.path, m.sha256 FROM media m JOIN slide_revisions r ON r.id = m.revision_id
                WHERE r.slide_id = ? ORDER BY r.number
                """, [.integer(slideID)])
        }
        var media: [String: String] = [:]
        for row in rows {
            if let path = row[0].string, let hash = row[1].string { media[path] = hash }
        }
        return media
    }

    /// The media rows of the slide's revision `number` (the latest when nil), by path.
    func revisionMedia(slideID: Int64, number: Int?) throws(StudioError) -> [String: String] {
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT m.path, m.sha256 FROM media m WHERE m.revision_id = (SELECT id FROM slide_revisions
                    WHERE slide_id = ? AND (? IS NULL OR number = ?) ORDER BY number DESC LIMIT 1)
                """,
                [
                    .integer(slideID), number.map { DatabaseValue($0) } ?? .null,
                    number.map { DatabaseValue($0) } ?? .null,
                ])
        }
        var media: [String: String] = [:]
        for row in rows {
            if let path = row[0].string, let hash = row[1].string { media[path] = hash }
        }
        return media
    }
}
