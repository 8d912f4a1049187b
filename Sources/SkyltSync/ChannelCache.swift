public import FoundationEssentials
@preconcurrency import Glibc
public import SkyltBundle
public import SkyltCore

/// One channel's content-addressed cache, laid out so that a power cut at any moment leaves
/// either the old program or the new one, whole:
///
/// ```
/// <cache>/<channel>/objects/<sha256 hex>.<ext>     verified media, never rewritten
/// <cache>/<channel>/partial/<sha256 hex>           downloads in progress (resumable)
/// <cache>/<channel>/manifests/<version>/           manifest.json, its .minisig, http.json
/// <cache>/<channel>/current  -> manifests/<version>   switched by one rename of a symlink
/// <cache>/<channel>/previous -> manifests/<version>
/// ```
///
/// File names come only from validated hashes and versions; nothing a manifest says reaches
/// the file system as a path.
public final class ChannelCache: Sendable {
    public let folder: URL
    public let channel: String
    /// Objects younger than this are never collected: another process may be about to commit them.
    public static let collectGraceSeconds = 3600.0

    public init(root: URL, channel: String) {
        self.channel = channel
        folder = root.appendingPathComponent(channel)
    }

    var objects: URL { folder.appendingPathComponent("objects") }
    var partials: URL { folder.appendingPathComponent("partial") }
    var manifests: URL { folder.appendingPathComponent("manifests") }

    public func prepare() throws(SyncError) {
        for path in [objects, partials, manifests] {
            do {
                try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
            } catch {
                throw SyncError(.cacheIO, channel: channel, location: path.path, cause: error)
            }
        }
    }

    /// What `current` (or `previous`) holds.
    public struct Stored: Sendable {
        public var folder: URL
        public var manifest: Data
        public var signature: Data
        public var etag: String?
        public var lastModified: String?
    }

    public func stored(_ link: String = "current") -> Stored? {
        let linkURL = folder.appendingPathComponent(link)
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: linkURL.path) else { return nil }
        let directory = folder.appendingPathComponent(target)
        guard
            let manifest = try? BundleCheck.read(
                directory.appendingPathComponent(Manifest.fileName), limit: Manifest.maxBytes),
            let signature = try? BundleCheck.read(
                directory.appendingPathComponent(Manifest.signatureFileName), limit: Signature.maxFileBytes)
        else { return nil }
        var etag: String?
        var lastModified: String?
        if let data = try? Data(contentsOf: directory.appendingPathComponent("http.json")),
            case .object(let fields) = (try? JSONValue.parse(data)) ?? .null
        {
            if case .string(let value) = fields["etag"] ?? .null { etag = value }
            if case .string(let value) = fields["lastModified"] ?? .null { lastModified = value }
        }
        return Stored(
            folder: directory, manifest: manifest, signature: signature, etag: etag, lastModified: lastModified)
    }

    public func objectURL(_ reference: String, type: String) -> URL {
        objects.appendingPathComponent(Manifest.hex(of: reference) + "." + (Manifest.mediaTypes[type] ?? "bin"))
    }

    func partialURL(_ reference: String) -> URL { partials.appendingPathComponent(Manifest.hex(of: reference)) }

    /// Marks an object the coming manifest needs as recently used, so that a clean-up in
    /// another process leaves it alone (it spares objects younger than `collectGraceSeconds`).
    func touchObject(_ reference: String, _ asset: Manifest.Asset) {
        utimes(objectURL(reference, type: asset.type).path, nil)
    }

    /// True when the object is there with the right size (hashes are checked when it is
    /// written and when a program is loaded).
    func hasObject(_ reference: String, _ asset: Manifest.Asset) -> Bool {
        FileSize.of(objectURL(reference, type: asset.type)) == asset.size
    }

    /// Runs `body` holding the channel's lock (commits and collection, across processes).
    func locked<T>(_ body: () throws(SyncError) -> T) throws(SyncError) -> T {
        let fd = open(folder.appendingPathComponent("lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw SyncError(
                .cacheIO, channel: channel, location: folder.appendingPathComponent("lock").path,
                cause: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Makes `manifest` current, keeping the old current as previous: the manifest's folder is
    /// written and synced first, then each link is switched by one rename.
    ///
    /// `required` are the manifest's assets. They are checked again under the lock, because
    /// another process's clean-up may have removed one that was in the cache when this sync
    /// began; the switch then waits for the next sync, which fetches it again.
    func commit(
        version: Int, manifest: Data, signature: Data, etag: String?, lastModified: String?,
        required: [String: Manifest.Asset] = [:]
    ) throws(SyncError) {
        try locked { () throws(SyncError) in
            for (reference, asset) in required.sorted(by: { $0.key < $1.key }) where !hasObject(reference, asset) {
                throw SyncError(
                    .assetVanished(version: version), channel: channel, location: Manifest.hex(of: reference))
            }
            let name = "manifests/\(version)"
            let target = folder.appendingPathComponent(name)
            let temporary = manifests.appendingPathComponent(".\(version).\(getpid()).tmp")
            do {
                try? FileManager.default.removeItem(at: temporary)
                try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
                try AtomicFile.writeSynced(manifest, to: temporary.appendingPathComponent(Manifest.fileName))
                try AtomicFile.writeSynced(signature, to: temporary.appendingPathComponent(Manifest.signatureFileName))
                var meta: [String: JSONValue] = [:]
                if let etag { meta["etag"] = .string(etag) }
                if let lastModified { meta["lastModified"] = .string(lastModified) }
                try AtomicFile.writeSynced(
                    JSONValue.object(meta).canonicalData(), to: temporary.appendingPathComponent("http.json"))
                AtomicFile.syncFolder(temporary)
                if FileManager.default.fileExists(atPath: target.path)
                    && stored()?.folder.lastPathComponent != "\(version)"
                {
                    try FileManager.default.removeItem(at: target)
                }
                if !FileManager.default.fileExists(atPath: target.path) {
                    try AtomicFile.rename(temporary, to: target)
                } else {
                    // The same version is current already; only its HTTP validators change.
                    try AtomicFile.rename(
                        temporary.appendingPathComponent("http.json"), to: target.appendingPathComponent("http.json"))
                    try? FileManager.default.removeItem(at: temporary)
                }
                let old = try? FileManager.default.destinationOfSymbolicLink(
                    atPath: folder.appendingPathComponent("current").path)
                if let old, old != name { try switchLink("previous", to: old) }
                try switchLink("current", to: name)
            } catch let error as SyncError {
                throw error
            } catch {
                throw SyncError(.cacheIO, channel: channel, location: target.path, cause: error)
            }
        }
    }

    private func switchLink(_ name: String, to target: String) throws {
        let link = folder.appendingPathComponent(name)
        let temporary = folder.appendingPathComponent(".\(name).\(getpid()).tmp")
        unlink(temporary.path)
        guard symlink(target, temporary.path) == 0 else {
            throw SyncError(
                .cacheIO, channel: channel, location: link.path,
                cause: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
        }
        try AtomicFile.rename(temporary, to: link)
    }

    /// Removes objects that neither the current nor the previous manifest needs, old manifest
    /// folders, and leftovers of interrupted writes. Runs under the lock, after a switch.
    func collectGarbage() throws(SyncError) {
        try locked { () throws(SyncError) in
            var keep: Set<String> = []
            var keepManifests: Set<String> = []
            for link in ["current", "previous"] {
                guard let stored = stored(link), let manifest = try? Manifest.decode(stored.manifest, source: link)
                else { continue }
                keepManifests.insert(stored.folder.lastPathComponent)
                for (reference, asset) in manifest.assets {
                    keep.insert(objectURL(reference, type: asset.type).lastPathComponent)
                }
            }
            let now = Date()
            let names = (try? FileManager.default.contentsOfDirectory(atPath: objects.path)) ?? []
            for name in names where !keep.contains(name) {
                let url = objects.appendingPathComponent(name)
                let modified =
                    (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
                    ?? .distantPast
                if now.timeIntervalSince(modified) > Self.collectGraceSeconds || name.hasPrefix(".") {
                    try? FileManager.default.removeItem(at: url)
                }
            }
            for name in (try? FileManager.default.contentsOfDirectory(atPath: manifests.path)) ?? []
            where !keepManifests.contains(name) {
                try? FileManager.default.removeItem(at: manifests.appendingPathComponent(name))
            }
            collectPartials(keeping: Set(keep.map { String($0.prefix { $0 != "." }) }), now: now)
        }
    }

    /// True when partial downloads lie in the cache: an unchanged poll then collects those
    /// that no manifest needs any more, instead of waiting for the next version.
    var hasPartials: Bool { !((try? FileManager.default.contentsOfDirectory(atPath: partials.path)) ?? []).isEmpty }

    /// Removes partial downloads (and their ETags) of assets that neither the current nor the
    /// previous manifest needs: a version that was superseded before its download finished
    /// would otherwise keep up to the asset cap on disk for each. The same grace as objects
    /// spares a download another process is making for a newer manifest.
    private func collectPartials(keeping hexes: Set<String>, now: Date) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: partials.path)) ?? [] {
            let hex = name.hasSuffix(".etag") ? String(name.dropLast(5)) : name
            guard !hexes.contains(hex) else { continue }
            let url = partials.appendingPathComponent(name)
            let modified =
                (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
                ?? .distantPast
            if now.timeIntervalSince(modified) > Self.collectGraceSeconds {
                try? FileManager.default.removeItem(at: url)
            }
        }
    }

    /// Reads the current program from the cache, as at an offline start: the signature is
    /// verified again, and every object's size and hash; slides whose media fail are left out.
    public func load(keys: [PublicKey], now: Date = Date()) -> (
        reading: PlaylistReading?, manifest: Manifest?, problems: [Problem]
    ) {
        guard let stored = stored() else { return (nil, nil, []) }
        let source = stored.folder.appendingPathComponent(Manifest.fileName).path
        do {
            try BundleCheck.verifySignature(
                manifest: stored.manifest, signature: stored.signature, keys: keys, source: source)
        } catch {
            return (nil, nil, [Problem(file: source, field: "", message: "channel '\(channel)': \(error.reason)")])
        }
        let manifest: Manifest
        do {
            manifest = try Manifest.decode(stored.manifest, source: source)
        } catch {
            return (nil, nil, error.problems)
        }
        var assets: [String: URL] = [:]
        var problems: [Problem] = []
        for (reference, asset) in manifest.assets {
            let url = objectURL(reference, type: asset.type)
            guard let hash = try? SHA256Hasher.hashFile(url), hash.size == asset.size, "sha256:" + hash.hex == reference
            else {
                problems.append(
                    Problem(
                        file: url.path, field: "",
                        message: "channel '\(channel)': cached asset is missing or damaged; its slides are left out"))
                continue
            }
            assets[reference] = url
        }
        let reading = PlaylistReader.decode(manifest.playlist, file: source, folder: stored.folder, assets: assets)
        return (reading, manifest, problems)
    }
}
