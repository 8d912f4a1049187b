public import Foundation
@preconcurrency import Glibc
import SkyltBundle
import SkyltCore
import SkyltStore

/// What a publish wrote.
public struct PublishSummary: Sendable, Equatable {
    public var channel: String
    public var version: Int
    public var slides: Int
    public var assets: Int
    /// Where kiosks fetch it: `<base-url>/<channel>/manifest.json`.
    public var manifestURL: String
    /// The bundle's folder under the site.
    public var folder: URL
}

extension Studio {
    /// Most slides one channel publishes; a playlist of this size is already hours long.
    public static let maxPublishedSlides = 1000
    /// The umask bundles are written under: files 0644, folders 0755.
    static let siteUmask: mode_t = 0o022

    /// Signs and writes channel `name` into `<site>/<name>/` with the same code as
    /// `skylt publish` (BundleWriter): the slides' approved revisions in their order, with
    /// the settings and media, staged as a playlist folder under `tmp/` and removed afterwards
    /// whatever happens. The staged playlist is read back with PlaylistReader first, so a
    /// bundle the kiosks would reject is never written.
    public func publish(channel name: String, progress: (String) -> Void = { _ in }) throws(StudioError)
        -> PublishSummary
    {
        let channel = try self.channel(named: name)
        let key = try secretKey(of: channel)
        // The site is public, served by another user (nginx): its files are world-readable even
        // when the studio runs with umask 077. Staged media count too: the bundle copies them
        // with their modes (staging itself is inside the 0700 tmp/).
        let previousMask = umask(Self.siteUmask)
        defer { umask(previousMask) }
        let staging = try folder.makeStagingFolder("publish")
        defer { try? FileManager.default.removeItem(at: staging) }
        let slideCount = try stage(channel, in: staging)
        let reading = PlaylistReader.read(folder: staging)
        guard reading.playlist != nil, reading.problems.isEmpty else {
            throw StudioError(.playlistProblems(reading.problems), location: name)
        }
        let out = URL(fileURLWithPath: config.site).appendingPathComponent(name, isDirectory: true)
        let manifest = try writeBundle(from: staging, key: key, to: out, channel: name, progress: progress)
        try transaction { () throws(StudioError) in
            try storing { () throws(StoreError) in
                try database.execute(
                    "UPDATE channels SET published_version = ? WHERE id = ?",
                    [.init(manifest.version), .integer(channel.id)])
            }
            try audit(
                "channel.publish", subject: name,
                detail: "version \(manifest.version), \(slideCount) slides, \(manifest.assets.count) assets")
        }
        return PublishSummary(
            channel: name, version: manifest.version, slides: slideCount, assets: manifest.assets.count,
            manifestURL: config.manifestURL(channel: name), folder: out)
    }

    /// Signs and writes the staged playlist into `out`.
    private func writeBundle(
        from staging: URL, key: SecretKey, to out: URL, channel name: String, progress: (String) -> Void
    ) throws(StudioError) -> Manifest {
        do {
            return try BundleWriter.publish(
                source: staging, key: key, out: out, options: .init(channel: name), progress: progress)
        } catch {
            throw StudioError(.publishFailed, location: error.path, message: error.reason)
        }
    }

    /// Writes the channel's playlist.json and media into `staging`; returns the slide count.
    private func stage(_ channel: ChannelRecord, in staging: URL) throws(StudioError) -> Int {
        let slides = try liveSlides(of: channel)
        let (settings, files) = try storing { () throws(StoreError) in
            (try settingsText(of: channel), try mediaFiles(of: channel))
        }
        guard case .object(var root) = try parse(settings, what: "settings") else {
            throw StudioError(.publishFailed, location: channel.name, message: "the settings are not a JSON object")
        }
        var items: [JSONValue] = []
        for slide in slides { items.append(try parse(slide, what: "a slide")) }
        root["slides"] = .array(items)
        for (path, hash) in files {
            let data = try storing { () throws(StoreError) in try media.read(hash) }
            try write(data, at: try Self.stagedURL(path, in: staging))
        }
        try write(JSONValue.object(root).canonicalData(), at: staging.appendingPathComponent(Playlist.fileName))
        return slides.count
    }

    private func settingsText(of channel: ChannelRecord) throws(StoreError) -> String {
        try database.query("SELECT settings_json FROM channel_settings WHERE channel_id = ?", [.integer(channel.id)])
            .first?[0].string ?? "{}"
    }

    /// The approved revision of each slide that is not archived, in playlist order (a slide
    /// never approved, such as a contributor's draft, is left out). More slides than a channel
    /// publishes, or a revision that is not text, fail the publish: a bundle never leaves out
    /// slides without saying so.
    private func liveSlides(of channel: ChannelRecord) throws(StudioError) -> [String] {
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT r.content_json FROM slides s JOIN slide_revisions r ON r.id = s.live_revision_id
                WHERE s.channel_id = ? AND s.archived = 0
                ORDER BY s.position LIMIT ?
                """, [.integer(channel.id), .init(Self.maxPublishedSlides + 1)])
        }
        guard rows.count <= Self.maxPublishedSlides else {
            throw StudioError(
                .tooManySlides, location: channel.name,
                message: "more than \(Self.maxPublishedSlides) live slides; archive some first")
        }
        var slides: [String] = []
        for row in rows {
            guard let text = row[0].string else {
                throw StudioError(.publishFailed, location: channel.name, message: "a slide revision is not text")
            }
            slides.append(text)
        }
        return slides
    }

    /// The media of the channel's latest import, and of its slides' approved revisions
    /// (which win over an imported file at the same path).
    private func mediaFiles(of channel: ChannelRecord) throws(StoreError) -> [(String, String)] {
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
        return files.sorted { $0.key < $1.key }
    }

    private func parse(_ text: String, what: String) throws(StudioError) -> JSONValue {
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
