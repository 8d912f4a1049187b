public import FoundationEssentials
@preconcurrency import Glibc
public import SkyltCore

/// Publishing failed; nothing was changed in the output folder unless it says so.
public struct PublishError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Writes a signed static bundle from an editor's playlist folder:
/// `DIR/assets/<sha256 hex>` for every medium (skipping those already there),
/// `DIR/manifest.json` and `DIR/manifest.json.minisig`, by atomic renames.
public enum BundleWriter {
    /// Media larger than this report their hashing progress.
    public static let progressThresholdBytes = 8 << 20
    public static let defaultExpiryDays = 30.0

    public struct Options: Sendable {
        public var channel: String
        public var expiryDays: Double
        public var now: Date
        /// When true, the files written are 0644 and the two folders 0755 from before they
        /// are renamed into place, whatever the process's umask: a server that keeps its own
        /// files private (umask 077) still publishes a site that nginx, another user, reads.
        /// False (`skylt publish`): the umask decides, as for any file the editor makes.
        public var publicModes: Bool

        public init(
            channel: String, expiryDays: Double = BundleWriter.defaultExpiryDays, now: Date = Date(),
            publicModes: Bool = false
        ) {
            self.channel = channel
            self.expiryDays = expiryDays
            self.now = now
            self.publicModes = publicModes
        }
    }

    /// The modes of what `Options.publicModes` publishes.
    static let publicFileMode: mode_t = 0o644
    static let publicFolderMode: mode_t = 0o755

    /// Publishes `source` (already validated) into `out`. `progress` gets human-readable lines.
    public static func publish(
        source: URL, key: SecretKey, out: URL, options: Options, progress: (String) -> Void
    ) throws(PublishError) -> Manifest {
        try publish(
            source: source, playlist: .object(try playlistObject(in: source)), key: key, out: out, options: options,
            progress: progress)
    }

    /// Publishes `playlist`, the playlist.json of `source` as the caller changed it (visitor
    /// fields replaced by their pages' links); its media are still read from `source`.
    public static func publish(
        source: URL, playlist: JSONValue, key: SecretKey, out: URL, options: Options, progress: (String) -> Void
    ) throws(PublishError) -> Manifest {
        guard case .object(var root) = playlist, case .array = root["slides"] ?? .null else {
            throw PublishError(path: source.appendingPathComponent(Playlist.fileName).path, reason: "has no slides")
        }
        let assetsFolder = out.appendingPathComponent("assets")
        do {
            try FileManager.default.createDirectory(at: assetsFolder, withIntermediateDirectories: true)
        } catch {
            throw PublishError(path: assetsFolder.path, reason: "cannot be created: \(FileProblem.describe(error))")
        }
        let fileMode: mode_t? = options.publicModes ? publicFileMode : nil
        if options.publicModes {
            for folder in [out, assetsFolder] { try setMode(publicFolderMode, of: folder) }
        }
        guard case .array(let slides) = root["slides"] ?? .null else {
            throw PublishError(path: source.appendingPathComponent(Playlist.fileName).path, reason: "has no slides")
        }
        let (newSlides, assets) = try storeMedia(
            of: slides, from: source, in: assetsFolder, fileMode: fileMode, progress: progress)
        root["slides"] = .array(newSlides)
        root.removeValue(forKey: "$schema")
        let manifest = Manifest(
            channel: options.channel, version: previousVersion(in: out) + 1, published: options.now,
            expires: options.now.addingTimeInterval(options.expiryDays * 86400), assets: assets, playlist: .object(root)
        )
        let data = manifest.encode()
        let stamp = Int(options.now.timeIntervalSince1970)
        let signature = key.sign(data, trustedComment: "timestamp:\(stamp)\tfile:\(Manifest.fileName)\thashed")
        try writeSigned(data, signature: signature, in: out, fileMode: fileMode)
        return manifest
    }

    /// The playlist.json of `source` as a JSON object with a `slides` array.
    static func playlistObject(in source: URL) throws(PublishError) -> [String: JSONValue] {
        let playlistFile = source.appendingPathComponent(Playlist.fileName)
        let document: JSONValue
        do {
            document = try JSONValue.parse(try Data(contentsOf: playlistFile))
        } catch {
            throw PublishError(path: playlistFile.path, reason: "cannot be read: \(error)")
        }
        guard case .object(let root) = document, case .array = root["slides"] ?? .null else {
            throw PublishError(path: playlistFile.path, reason: "has no slides")
        }
        return root
    }

    /// Stores each slide's image as a content-addressed asset (once, however many slides show
    /// it) and returns the slides with their images named by hash, and the assets.
    static func storeMedia(
        of slides: [JSONValue], from source: URL, in assetsFolder: URL, fileMode: mode_t? = nil,
        progress: (String) -> Void
    ) throws(PublishError) -> (slides: [JSONValue], assets: [String: Manifest.Asset]) {
        var assets: [String: Manifest.Asset] = [:]
        var references: [String: String] = [:]
        var newSlides: [JSONValue] = []
        for slide in slides {
            guard case .object(var fields) = slide, case .string(let path) = fields["image"] ?? .null else {
                newSlides.append(slide)
                continue
            }
            let reference: String
            if let known = references[path] {
                reference = known
            } else {
                let (stored, asset) = try store(
                    source.appendingPathComponent(path), named: path, in: assetsFolder, fileMode: fileMode,
                    progress: progress)
                references[path] = stored
                assets[stored] = asset
                reference = stored
            }
            fields["image"] = .string(reference)
            newSlides.append(.object(fields))
        }
        return (newSlides, assets)
    }

    /// Writes the manifest and its signature beside each other, each atomically, the manifest
    /// first and the signature right after it; with `fileMode`, each has that mode before it
    /// is renamed into place.
    static func writeSigned(_ data: Data, signature: String, in out: URL, fileMode: mode_t? = nil)
        throws(PublishError)
    {
        let manifestFile = out.appendingPathComponent(Manifest.fileName)
        let signatureFile = out.appendingPathComponent(Manifest.signatureFileName)
        let manifestTemporary = out.appendingPathComponent(".\(Manifest.fileName).tmp")
        let signatureTemporary = out.appendingPathComponent(".\(Manifest.signatureFileName).tmp")
        do {
            try AtomicFile.writeSynced(data, to: manifestTemporary)
            try AtomicFile.writeSynced(Data(signature.utf8), to: signatureTemporary)
            if let fileMode {
                for temporary in [manifestTemporary, signatureTemporary] { try setMode(fileMode, of: temporary) }
            }
            // Web servers derive ETag and Last-Modified from the modification time in whole
            // seconds (and the size): a new manifest must never share the old one's second, or
            // a kiosk that polled in that second would be told "not modified".
            for (temporary, final) in [(manifestTemporary, manifestFile), (signatureTemporary, signatureFile)] {
                let old =
                    (try? FileManager.default.attributesOfItem(atPath: final.path)[.modificationDate] as? Date)
                    ?? .distantPast
                let stamp = max(
                    Date().timeIntervalSince1970.rounded(.down), old.timeIntervalSince1970.rounded(.down) + 1)
                try? FileManager.default.setAttributes(
                    [.modificationDate: Date(timeIntervalSince1970: stamp)], ofItemAtPath: temporary.path)
            }
            // Both renames back to back, then one fsync of the folder: the new manifest stands
            // beside the old signature (which kiosks refuse) only between two system calls, not
            // for the length of a disk flush, where `make soak` found kills landing.
            for (temporary, final) in [(manifestTemporary, manifestFile), (signatureTemporary, signatureFile)]
            where Glibc.rename(temporary.path, final.path) != 0 {
                throw PublishError(path: final.path, reason: String(cString: strerror(errno)))
            }
            AtomicFile.syncFolder(out)
        } catch let error as AtomicFile.WriteError {
            throw PublishError(path: error.path, reason: error.reason)
        } catch let error as PublishError {
            throw error
        } catch {
            throw PublishError(path: out.path, reason: "\(error)")
        }
    }

    /// Gives `url` `mode` (chmod, which the umask does not touch).
    static func setMode(_ mode: mode_t, of url: URL) throws(PublishError) {
        guard chmod(url.path, mode) == 0 else {
            throw PublishError(path: url.path, reason: "chmod: " + String(cString: strerror(errno)))
        }
    }

    /// The version of the manifest already in `out`, or 0.
    static func previousVersion(in out: URL) -> Int {
        guard let data = try? Data(contentsOf: out.appendingPathComponent(Manifest.fileName)),
            case .object(let root) = (try? JSONValue.parse(data)) ?? .null,
            case .number(let version) = root["version"] ?? .null
        else { return 0 }
        return Int(version)
    }

    /// Hashes a medium and copies it to `assets/<hex>` unless a file of that name and size is
    /// there already.
    static func store(
        _ file: URL, named name: String, in folder: URL, fileMode: mode_t? = nil, progress: (String) -> Void
    ) throws(PublishError) -> (String, Manifest.Asset) {
        guard let type = Manifest.mediaType(forExtension: file.pathExtension) else {
            throw PublishError(path: file.path, reason: "is not a PNG, JPEG, WebP or SVG file")
        }
        // Opened once, as a regular file only (a FIFO named as a medium would block publishing
        // for ever), and both hashed and copied from that one descriptor.
        let source: POSIXFile
        do { source = try POSIXFile.openRegular(file.path) } catch {
            throw PublishError(path: file.path, reason: "cannot be read: \(error.reason)")
        }
        let hash: (hex: String, size: Int)
        do { hash = try hashReporting(source, named: name, progress: progress) } catch {
            throw PublishError(path: file.path, reason: "cannot be read: \(FileProblem.describe(error))")
        }
        let target = folder.appendingPathComponent(hash.hex)
        let existing = FileSize.of(target.path) ?? -1
        if existing == hash.size {
            progress("\(name): already published as \(hash.hex)")
        } else {
            let temporary = folder.appendingPathComponent(".\(hash.hex).tmp")
            do {
                try? FileManager.default.removeItem(at: temporary)
                try copy(source, to: temporary)
                try AtomicFile.sync(temporary)
                if let fileMode { try setMode(fileMode, of: temporary) }
                try AtomicFile.rename(temporary, to: target)
            } catch let error as AtomicFile.WriteError {
                throw PublishError(path: error.path, reason: error.reason)
            } catch let error as PublishError {
                throw error
            } catch {
                throw PublishError(path: target.path, reason: FileProblem.describe(error))
            }
            progress("\(name): \(hash.size) bytes -> assets/\(hash.hex)")
        }
        return ("sha256:" + hash.hex, Manifest.Asset(size: hash.size, type: type))
    }
}

extension BundleWriter {
    /// Hashes an open medium from its start in 1 MiB pieces, telling progress by tens of
    /// percent for one of `progressThresholdBytes` or more.
    static func hashReporting(_ file: POSIXFile, named name: String, progress: (String) -> Void) throws -> (
        hex: String, size: Int
    ) {
        let total = Int(try file.seekToEnd())
        try file.seek(to: 0)
        var hasher = SHA256Hasher()
        var size = 0
        var reported = 0
        while case let chunk = try file.read(upTo: 1 << 20), !chunk.isEmpty {
            hasher.update(chunk)
            size += chunk.count
            let percent = size * 100 / max(total, 1)
            if total >= progressThresholdBytes, percent >= reported + 10 {
                reported = percent - percent % 10
                progress("hashing \(name): \(reported)% of \(total >> 20) MiB")
            }
        }
        return (hasher.finalHex(), size)
    }

    /// Copies an open medium from its start into a new file at `target`.
    static func copy(_ source: POSIXFile, to target: URL) throws {
        try source.seek(to: 0)
        let descriptor = open(target.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let output = POSIXFile(descriptor: descriptor)
        while case let chunk = try source.read(upTo: 1 << 20), !chunk.isEmpty {
            try output.write(chunk)
        }
    }
}
