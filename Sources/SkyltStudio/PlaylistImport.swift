public import Foundation
@preconcurrency import Glibc
import SkyltCore
import SkyltStore

/// What an import changed.
public struct ImportSummary: Sendable, Equatable {
    public var channel: String
    /// True when the import made the channel (and its key pair).
    public var createdChannel: Bool
    /// Slides in the playlist, in order.
    public var slides: Int
    /// Slides whose JSON differed from their latest revision (or that were new).
    public var newRevisions: Int
    /// Slides of the channel no longer in the playlist, archived now.
    public var archived: Int
    /// Files stored as media.
    public var media: Int
}

extension Studio {
    /// Brings the playlist folder `source` into channel `name`: its settings, each slide as a
    /// new revision when it changed, every file as a medium. Slides missing from the folder are
    /// archived, never deleted. A playlist with any problem is refused whole, before anything
    /// is stored, with every problem in the error (`playlistProblems`).
    public func importPlaylist(channel name: String, from source: URL) throws(StudioError) -> ImportSummary {
        try ChannelName.check(name)
        let folderURL = source.standardizedFileURL
        // playlist.json is read once: what is checked is what is stored.
        let playlistFile = folderURL.appendingPathComponent(Playlist.fileName)
        let bytes = try Self.readRegularFile(playlistFile, maxBytes: PlaylistReader.maxPlaylistBytes, refused: .fileIO)
        let reading = PlaylistReader.read(data: bytes, folder: folderURL)
        guard reading.playlist != nil, reading.problems.isEmpty else {
            throw StudioError(.playlistProblems(reading.problems), location: folderURL.path)
        }
        let document = try PlaylistDocument(data: bytes, file: playlistFile)
        let reserved = Self.reservedIDProblems(document, file: playlistFile)
        guard reserved.isEmpty else { throw StudioError(.playlistProblems(reserved), location: folderURL.path) }
        // Refused here rather than cut at publish: every slide an editor imports is published.
        guard document.slides.count <= Self.maxPublishedSlides else {
            throw StudioError(
                .tooManySlides, location: playlistFile.path,
                message: "\(document.slides.count) slides; a channel publishes at most \(Self.maxPublishedSlides)")
        }
        let stored = try storeMedia(in: folderURL)
        // A key made for a new channel goes again when the channel's transaction fails, so that
        // no key is left without its channel (and the next import makes a fresh pair). Only the
        // key this run wrote: "new channel" is decided inside the transaction, under its lock.
        var wroteKey = false
        do throws(StudioError) {
            return try transaction { () throws(StudioError) in
                try store(document, media: stored, channel: name, source: folderURL.path, wroteKey: &wroteKey)
            }
        } catch {
            if wroteKey { unlink(folder.keyFile(channel: name).path) }
            throw error
        }
    }

    /// A slide called `new` could never be edited (its path is the new-slide form's), so the
    /// import refuses it, naming the slide and its `id`.
    static func reservedIDProblems(_ document: PlaylistDocument, file: URL) -> [Problem] {
        document.slides.enumerated().compactMap { index, slide in
            guard slide.id == reservedSlideKey else { return nil }
            return Problem(
                file: file.path, slide: slide.id, field: "slides[\(index)].id",
                message: "'\(reservedSlideKey)' is kept for the studio's new-slide form; give the slide another id")
        }
    }

    /// Stores every file of the folder as a medium, each read from one descriptor that is
    /// checked to be a regular file within the caps (a path may change after the listing).
    /// Media go first: content-addressed, so a medium stored by an import that then fails is
    /// only an unreferenced file, never a wrong one.
    private func storeMedia(in folderURL: URL) throws(StudioError) -> [(path: String, hash: String)] {
        var stored: [(path: String, hash: String)] = []
        var total = 0
        for file in try PlaylistFolderFiles.collect(in: folderURL) {
            let data = try Self.readRegularFile(
                file.url, maxBytes: PlaylistFolderFiles.maxFileBytes, refused: .mediaRefused)
            total += data.count
            guard total <= PlaylistFolderFiles.maxTotalBytes else {
                throw StudioError(
                    .mediaRefused, location: file.url.path,
                    message: "more than \(PlaylistFolderFiles.maxTotalBytes) bytes in all")
            }
            stored.append((file.relativePath, try storing { () throws(StoreError) in try media.put(data) }))
        }
        return stored
    }

    /// The bytes of `file`, a regular file (not a link) of at most `maxBytes`; a file that is
    /// not one is refused with `refused`, naming it.
    static func readRegularFile(_ file: URL, maxBytes: Int, refused: StudioError.Code) throws(StudioError) -> Data {
        do throws(RegularFile.ReadError) {
            return try RegularFile.read(file.path, maxBytes: maxBytes)
        } catch {
            throw StudioError(error.isRefusal ? refused : .fileIO, location: error.path, message: error.description)
        }
    }

    private func store(
        _ document: PlaylistDocument, media: [(path: String, hash: String)], channel name: String, source: String,
        wroteKey: inout Bool
    )
        throws(StudioError) -> ImportSummary
    {
        var created = false
        let channel: ChannelRecord
        do throws(StudioError) {
            channel = try self.channel(named: name)
        } catch  where error.code == .unknownChannel {
            channel = try createChannel(named: name, wroteKey: &wroteKey)
            created = true
        }
        try storeSettings(document.settings, of: channel)
        var revised = 0
        for (position, slide) in document.slides.enumerated() {
            if try storeSlide(slide.id, content: slide.content, position: position, of: channel) { revised += 1 }
        }
        let archived = try archiveSlides(of: channel, keeping: Set(document.slides.map(\.id)))
        try storeImport(media, of: channel, source: source)
        let summary = ImportSummary(
            channel: name, createdChannel: created, slides: document.slides.count, newRevisions: revised,
            archived: archived, media: media.count)
        try audit(
            "channel.import", subject: name,
            detail:
                "from \(source): \(summary.slides) slides, \(revised) revised, \(archived) archived, \(media.count) media"
        )
        return summary
    }

    private func storeSettings(_ settings: String, of channel: ChannelRecord) throws(StudioError) {
        let changed = try storing { () throws(StoreError) in
            let current = try database.query(
                "SELECT settings_json FROM channel_settings WHERE channel_id = ?", [.integer(channel.id)])
            guard current.first?[0].string != settings else { return false }
            try database.execute(
                """
                INSERT INTO channel_settings (channel_id, settings_json, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (channel_id) DO UPDATE SET settings_json = excluded.settings_json,
                updated_at = excluded.updated_at
                """, [.integer(channel.id), .text(settings), .text(Self.timestamp())])
            return true
        }
        if changed { try audit("channel.settings", subject: channel.name) }
    }

    /// Places the slide and adds a revision when its content differs from the latest one;
    /// true when it did.
    private func storeSlide(_ key: String, content: String, position: Int, of channel: ChannelRecord)
        throws(StudioError) -> Bool
    {
        let (slideID, latest) = try storing { () throws(StoreError) in
            try database.execute(
                """
                INSERT INTO slides (channel_id, slide_key, position) VALUES (?, ?, ?)
                ON CONFLICT (channel_id, slide_key) DO UPDATE SET position = excluded.position, archived = 0
                """, [.integer(channel.id), .text(key), .init(position)])
            let row = try database.query(
                """
                SELECT s.id, r.number, r.content_json FROM slides s
                LEFT JOIN slide_revisions r ON r.slide_id = s.id
                WHERE s.channel_id = ? AND s.slide_key = ? ORDER BY r.number DESC LIMIT 1
                """, [.integer(channel.id), .text(key)]
            ).first
            return (row?[0].int ?? 0, (number: row?[1].int ?? 0, content: row?[2].string))
        }
        guard latest.content != content else { return false }
        try storing { () throws(StoreError) in
            try database.execute(
                "INSERT INTO slide_revisions (slide_id, number, content_json, created_at) VALUES (?, ?, ?, ?)",
                [.init(slideID), .init(latest.number + 1), .text(content), .text(Self.timestamp())])
            // An import comes from the command line, whose user answers for it: it is approved.
            try database.execute(
                "UPDATE slides SET live_revision_id = ?, approved_by = NULL, approved_at = ? WHERE id = ?",
                [.integer(database.lastInsertRowID), .text(Self.timestamp()), .init(slideID)])
        }
        try audit("slide.revise", subject: "\(channel.name)/\(key)", detail: "revision \(latest.number + 1)")
        return true
    }

    /// Archives the channel's live slides whose ids are not in `kept`; returns how many.
    private func archiveSlides(of channel: ChannelRecord, keeping kept: Set<String>) throws(StudioError) -> Int {
        let live = try storing { () throws(StoreError) in
            try database.query(
                "SELECT id, slide_key FROM slides WHERE channel_id = ? AND archived = 0", [.integer(channel.id)])
        }
        var archived = 0
        for row in live {
            guard let key = row[1].string, !kept.contains(key) else { continue }
            try storing { () throws(StoreError) in
                try database.execute("UPDATE slides SET archived = 1 WHERE id = ?", [row[0]])
            }
            try audit("slide.archive", subject: "\(channel.name)/\(key)")
            archived += 1
        }
        return archived
    }

    private func storeImport(_ media: [(path: String, hash: String)], of channel: ChannelRecord, source: String)
        throws(StudioError)
    {
        try storing { () throws(StoreError) in
            try database.execute(
                "INSERT INTO channel_imports (channel_id, source, created_at) VALUES (?, ?, ?)",
                [.integer(channel.id), .text(source), .text(Self.timestamp())])
            let importID = database.lastInsertRowID
            for medium in media {
                try database.execute(
                    "INSERT INTO media (import_id, path, sha256) VALUES (?, ?, ?)",
                    [.integer(importID), .text(medium.path), .text(medium.hash)])
            }
        }
    }
}
