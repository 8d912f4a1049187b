public import Foundation
import SkyltBundle
import SkyltCore
import SkyltStore
import SkyltVisitorPages

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
    /// What the after-publish command did; nil when studio.json configures none. Its failure
    /// does not undo the publish: the bundle is in the site folder either way.
    public var afterPublish: AfterPublishResult?
}

extension Studio {
    /// Most slides one channel publishes; a playlist of this size is already hours long.
    public static let maxPublishedSlides = 1000

    /// Signs and writes channel `name` into `<site>/<name>/` with the same code as
    /// `skylt publish` (BundleWriter): the slides' approved revisions in their order, with
    /// the settings and media, staged as a playlist folder under `tmp/` and removed afterwards
    /// whatever happens. The staged playlist is read back with PlaylistReader first, so a
    /// bundle the kiosks would reject is never written. Then the after-publish command runs,
    /// when studio.json has one.
    ///
    /// One publish at a time per data folder (`PublishLock`), so that two publishers get two
    /// versions, one after the other. The lock is held through the after-publish command too:
    /// a sync of the site never overlaps the next publish's writes.
    public func publish(channel name: String, progress: (String) -> Void = { _ in }) throws(StudioError)
        -> PublishSummary
    {
        try PublishLock.holding(folder) { () throws(StudioError) in
            var summary = try publishLocked(channel: name, progress: progress)
            summary.afterPublish = try runAfterPublishLocked(channel: name, version: summary.version)
            return summary
        }
    }

    /// The web's publish: it does not wait for another publish (`publishBusy` at once, so a
    /// server thread is never held for minutes), and leaves the after-publish command to
    /// `runAfterPublish`, which the caller starts on a thread of its own.
    ///
    /// `expectedVersion` and `expectedDigest` are what the publisher's page showed (the
    /// version the publish makes, `PendingChanges.contentDigest`): checked under the lock, so
    /// that nothing saved, approved or published after the page was made goes out unseen
    /// (`publishStale`).
    public func publishBundle(channel name: String, expectedVersion: Int, expectedDigest: String)
        throws(StudioError) -> PublishSummary
    {
        try PublishLock.holding(folder, maxWaitSeconds: 0) { () throws(StudioError) in
            let channel = try self.channel(named: name)
            guard channel.publishedVersion + 1 == expectedVersion,
                try stagedPlaylist(of: channel).digest == expectedDigest
            else { throw StudioError(.publishStale, location: name) }
            return try publishLocked(channel: name, progress: { _ in })
        }
    }

    /// Runs the after-publish command for `version` of channel `name`, holding the publish
    /// lock (waiting for it as long as a publish may), and records its result; nil when
    /// studio.json names no command.
    @discardableResult
    public func runAfterPublish(channel name: String, version: Int) throws(StudioError) -> AfterPublishResult? {
        try PublishLock.holding(folder) { () throws(StudioError) in
            try runAfterPublishLocked(channel: name, version: version)
        }
    }

    func runAfterPublishLocked(channel name: String, version: Int) throws(StudioError) -> AfterPublishResult? {
        guard let command = config.afterPublish else { return nil }
        let result = AfterPublishRunner.run(
            command,
            environment: ["SKYLT_CHANNEL": name, "SKYLT_VERSION": String(version), "SKYLT_SITE": config.site])
        try recordAfterPublish(result, of: try channel(named: name), version: version)
        return result
    }

    /// Publishes holding the lock. `autoReason`: the automatic publisher's why, for its audit
    /// row in the publish's transaction.
    func publishLocked(channel name: String, progress: (String) -> Void, autoReason: String? = nil)
        throws(StudioError) -> PublishSummary
    {
        // Read under the lock: the version another publish just wrote is the one to follow.
        let channel = try self.channel(named: name)
        let key = try secretKey(of: channel)
        let out = URL(fileURLWithPath: config.site).appendingPathComponent(name, isDirectory: true)
        let checked = try withCheckedStaging(channel) { (staged, staging, playlist) throws(StudioError) in
            // Pages first: a kiosk showing the new codes finds their pages already there.
            try writeVisitorSite(playlist, to: out)
            let document = VisitorSite.kioskPlaylist(
                .object(staged.root), baseURL: config.visitorBaseURL(channel: name))
            return (
                staged,
                try writeBundle(
                    from: staging, playlist: document, key: key, to: out, channel: name, progress: progress)
            )
        }
        let (staged, manifest) = try checked.get(or: name)
        try transaction { () throws(StudioError) in
            try storing { () throws(StoreError) in
                try database.execute(
                    "UPDATE channels SET published_version = ? WHERE id = ?",
                    [.init(manifest.version), .integer(channel.id)])
            }
            try recordPublication(of: channel, version: manifest.version, playlist: staged.data)
            try archive(staged.expired, of: channel)
            if let autoReason {
                try audit("publish.auto", subject: name, detail: "version \(manifest.version): \(autoReason)")
            }
            try audit(
                "channel.publish", subject: name,
                detail: "version \(manifest.version), \(staged.slideCount) slides, \(manifest.assets.count) assets")
        }
        return PublishSummary(
            channel: name, version: manifest.version, slides: staged.slideCount, assets: manifest.assets.count,
            manifestURL: config.manifestURL(channel: name), folder: out)
    }

    /// Archives the slides a publish left out as expired (never deletes them), each with an
    /// audit row naming its `validUntil`; in the publish's transaction. A slide whose newer
    /// revision is still in review (a contribution sent with new dates, a draft, one sent back)
    /// is left out but not archived: archiving would take it from the inbox and from its
    /// contributor's list.
    private func archive(_ expired: [ExpiredSlide], of channel: ChannelRecord) throws(StudioError) {
        for slide in expired {
            let archived = try storing { () throws(StoreError) in
                try database.execute(
                    "UPDATE slides SET archived = 1 WHERE id = ? AND review_state = 'approved'", [.init(slide.rowID)])
                return try database.query("SELECT archived FROM slides WHERE id = ?", [.init(slide.rowID)])
                    .first?[0].int == 1
            }
            let until = "valid until \(ISO8601.format(slide.validUntil))"
            try audit(
                "slide.expire", subject: "\(channel.name)/\(slide.key)",
                detail: archived ? until : "\(until); left out, kept: a newer revision is in review")
        }
    }

    /// Signs and writes the staged playlist into `out`. The site is public, served by another
    /// user (nginx): its files are made 0644 and folders 0755 explicitly, since the studio
    /// runs with umask 077 for its own files (and a umask is the whole process's, so it
    /// cannot be switched for one publish while other requests write).
    private func writeBundle(
        from staging: URL, playlist: JSONValue, key: SecretKey, to out: URL, channel name: String,
        progress: (String) -> Void
    ) throws(StudioError) -> Manifest {
        do {
            return try BundleWriter.publish(
                source: staging, playlist: playlist, key: key, out: out,
                options: .init(channel: name, publicModes: true), progress: progress)
        } catch {
            throw StudioError(.publishFailed, location: error.path, message: error.reason)
        }
    }
}

extension Studio {
    /// Writes the visitor pages of `playlist` (read with the channel's visitor base URL) into
    /// `<out>/v`, swapped in whole, with public modes like the bundle; a playlist without
    /// story audio, story text or QR files removes an old `v`.
    func writeVisitorSite(_ playlist: Playlist, to out: URL) throws(StudioError) {
        do {
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        } catch {
            throw StudioError(.fileIO, location: out.path, message: error.localizedDescription)
        }
        do {
            try VisitorSite.write(playlist: playlist, into: out, publicModes: true)
        } catch {
            throw StudioError(.publishFailed, location: error.path, message: error.reason)
        }
    }
}

extension Result where Failure == PlaylistProblems {
    /// The value, or the problems as the `playlistProblems` error of `channel`.
    func get(or channel: String) throws(StudioError) -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let failure): throw StudioError(.playlistProblems(failure.problems), location: channel)
        }
    }
}
