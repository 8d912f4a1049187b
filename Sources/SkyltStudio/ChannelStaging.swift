import Foundation
import SkyltBundle
public import SkyltCore
import SkyltStore

/// The playlist a publish would write: the channel's settings with the approved revision of
/// each live slide, and the media they name. Publishing, the check before it and the list of
/// changes all build it here, so that what the publisher is shown is what is published.
struct StagedPlaylist {
    /// playlist.json's root object, `slides` included.
    var root: [String: JSONValue]
    var slideCount: Int
    /// Each medium by its path in the playlist folder, and its SHA-256 in the media store.
    var media: [(path: String, hash: String)]
    /// Live slides left out because their validity is over; the publish archives them.
    var expired: [ExpiredSlide] = []

    /// playlist.json as it is written and kept in the publication's row.
    var data: Data { JSONValue.object(root).canonicalData() }

    /// The SHA-256 of `data`: what the publish page shows a publisher and checks again at the
    /// publish (`PendingChanges.contentDigest`).
    var digest: String {
        var hasher = SHA256Hasher()
        hasher.update(data)
        return hasher.finalHex()
    }
}

extension Studio {
    /// The playlist `channel` would publish now; nothing is written.
    func stagedPlaylist(of channel: ChannelRecord) throws(StudioError) -> StagedPlaylist {
        let slides = try liveSlides(of: channel)
        let (settings, files) = try storing { () throws(StoreError) in
            (try settingsText(of: channel), try mediaFiles(of: channel))
        }
        guard case .object(var root) = try parse(settings, what: "settings") else {
            throw StudioError(.publishFailed, location: channel.name, message: "the settings are not a JSON object")
        }
        let zone = ValidityBoundaries.timeZone(of: root)
        let now = currentDate()
        var items: [JSONValue] = []
        var expired: [ExpiredSlide] = []
        for slide in slides {
            let item = try parse(slide.content, what: "a slide")
            if let validity = ValidityBoundaries.validity(of: item, timeZone: zone), let until = validity.validUntil,
                validity.hasExpired(at: now)
            {
                expired.append(ExpiredSlide(rowID: slide.rowID, key: slide.key, validUntil: until))
                continue
            }
            items.append(item)
        }
        root["slides"] = .array(items)
        return StagedPlaylist(root: root, slideCount: items.count, media: files, expired: expired)
    }

    /// Writes `staged` as a playlist folder (playlist.json and media) into `staging`.
    func write(_ staged: StagedPlaylist, in staging: URL) throws(StudioError) {
        for (path, hash) in staged.media {
            let data = try storing { () throws(StoreError) in try media.read(hash) }
            try write(data, at: try Self.stagedURL(path, in: staging))
        }
        try write(staged.data, at: staging.appendingPathComponent(Playlist.fileName))
    }

    /// Stages `channel` under `tmp/` and reads it back with the player's PlaylistReader: the
    /// problems that would stop a publish (none: it may go). `body` gets the staged folder
    /// when there are none; the folder is removed afterwards whatever happens.
    ///
    /// The folder is read with the channel's visitor base URL (`StudioConfig.visitorBaseURL`),
    /// so the problems of story readings and QR files name the links they will encode; `body`
    /// gets the playlist as read, from which the visitor pages are written.
    func withCheckedStaging<T>(
        _ channel: ChannelRecord, _ body: (StagedPlaylist, URL, Playlist) throws(StudioError) -> T
    ) throws(StudioError) -> Result<T, PlaylistProblems> {
        let staged = try stagedPlaylist(of: channel)
        let staging = try folder.makeStagingFolder("publish")
        defer { try? FileManager.default.removeItem(at: staging) }
        try write(staged, in: staging)
        let reading = PlaylistReader.read(
            folder: staging, visitorBaseURL: config.visitorBaseURL(channel: channel.name))
        guard let playlist = reading.playlist, reading.problems.isEmpty else {
            return .failure(PlaylistProblems(problems: reading.problems))
        }
        return .success(try body(staged, staging, playlist))
    }

    /// What would stop channel `name` from being published now, in the reader's words (each
    /// with its slide and field); empty when it may be published.
    public func publishProblems(channel name: String) throws(StudioError) -> [Problem] {
        let channel = try self.channel(named: name)
        switch try withCheckedStaging(channel, { _, _, _ throws(StudioError) in () }) {
        case .success: return []
        case .failure(let failure): return failure.problems
        }
    }

    private func settingsText(of channel: ChannelRecord) throws(StoreError) -> String {
        try database.query("SELECT settings_json FROM channel_settings WHERE channel_id = ?", [.integer(channel.id)])
            .first?[0].string ?? "{}"
    }

    /// The approved revision of each slide that is not archived, in playlist order (a slide
    /// never approved, such as a contributor's draft, is left out). More slides than a channel
    /// publishes, or a revision that is not text, fail the publish: a bundle never leaves out
    /// slides without saying so.
    func liveSlides(of channel: ChannelRecord) throws(StudioError) -> [LiveSlide] {
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT r.content_json, s.id, s.slide_key FROM slides s JOIN slide_revisions r ON r.id = s.live_revision_id
                WHERE s.channel_id = ? AND s.archived = 0
                ORDER BY s.position LIMIT ?
                """, [.integer(channel.id), .init(Self.maxPublishedSlides + 1)])
        }
        guard rows.count <= Self.maxPublishedSlides else {
            throw StudioError(
                .tooManySlides, location: channel.name,
                message: "more than \(Self.maxPublishedSlides) live slides; archive some first")
        }
        var slides: [LiveSlide] = []
        for row in rows {
            guard let text = row[0].string, let id = row[1].int, let key = row[2].string else {
                throw StudioError(.publishFailed, location: channel.name, message: "a slide revision is not text")
            }
            slides.append(LiveSlide(rowID: id, key: key, content: text))
        }
        return slides
    }

    /// The media of the channel's latest import, and of its slides' approved revisions
    /// (which win over an imported file at the same path).
    private func mediaFiles(of channel: ChannelRecord) throws(StoreError) -> [(path: String, hash: String)] {
        let rows = try database.query(
            """
            SELECT path, sha256, 0 AS rank FROM media WHERE import_id =
                (SELECT max(id) FROM channel_imports WHERE channel_id = :channel)
            UNION ALL
            SELECT m.path, m.sha256, 1 FROM media m JOIN slides s ON m.revision_id = s.live_revision_id
            WHERE s.channel_id = :channel AND s.archived = 0
            ORDER BY rank
            """, ["channel": .integer(channel.id)])
        var files: [String: String] = [:]
        for row in rows {
            if let path = row[0].string, let hash = row[1].string { files[path] = hash }
        }
        return files.sorted { $0.key < $1.key }.map { (path: $0.key, hash: $0.value) }
    }

    func parse(_ text: String, what: String) throws(StudioError) -> JSONValue {
        do {
            return try JSONValue.parse(Data(text.utf8))
        } catch {
            throw StudioError(.publishFailed, message: "\(what) stored in the database is not JSON: \(error.message)")
        }
    }

    /// Where a stored relative path goes in the staging folder. Paths come from imports, but
    /// a path with '..', an absolute one or an empty part is refused, so none leaves `staging`.
    static func stagedURL(_ path: String, in staging: URL) throws(StudioError) -> URL {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." })
        else { throw StudioError(.publishFailed, location: path, message: "not a relative media path") }
        return parts.reduce(staging) { $0.appendingPathComponent(String($1)) }
    }

    private func write(_ data: Data, at file: URL) throws(StudioError) {
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: file)
        } catch {
            throw StudioError(.fileIO, location: file.path, message: error.localizedDescription)
        }
    }
}

/// A slide's approved revision as the publish reads it.
struct LiveSlide {
    /// `slides.id`.
    var rowID: Int
    /// Its id in the playlist.
    var key: String
    /// The revision's JSON object.
    var content: String
}

/// A live slide whose `validUntil` has passed: left out of the bundle and archived.
struct ExpiredSlide: Equatable {
    var rowID: Int
    var key: String
    var validUntil: Date
}

/// The staged playlist's problems, as a failure of `withCheckedStaging`.
struct PlaylistProblems: Error {
    var problems: [Problem]
}
