public import Foundation
@preconcurrency import Glibc
internal import SkyltBundle
internal import SkyltCore

/// Media (images, later videos) stored by content: `<data>/media/<sha256 hex>`, as in bundles.
///
/// The database keeps only the hash, so a medium used by many slides is stored once, a bundle
/// can take the file as it is, and a file cannot change behind a row's back. A hash that comes
/// from outside (a URL, a form) is checked to be 64 lowercase hex digits before it is used, so
/// no outside text ever becomes a path.
public struct MediaStore: Sendable {
    /// Largest medium taken by default, in bytes.
    public static let defaultMaxBytes = 256 << 20

    /// The folder holding the media files.
    public let folder: URL
    public let maxBytes: Int

    /// A store in `<dataFolder>/media`, made when missing.
    public init(dataFolder: URL, maxBytes: Int = defaultMaxBytes) throws(StoreError) {
        folder = dataFolder.appendingPathComponent("media", isDirectory: true)
        self.maxBytes = maxBytes
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.fileIO, message: "\(error)", location: folder.path)
        }
    }

    /// True for exactly 64 lowercase hex digits: nothing else may name a medium.
    public static func isHash(_ text: String) -> Bool {
        let bytes = text.utf8
        return bytes.count == 64 && bytes.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// The file of the medium with hash `hash`, whether or not it exists.
    public func url(for hash: String) throws(StoreError) -> URL {
        guard Self.isHash(hash) else { throw StoreError(.mediaHashInvalid, location: Self.shown(hash)) }
        return folder.appendingPathComponent(hash, isDirectory: false)
    }

    /// Stores `data` and returns its SHA-256 as 64 lowercase hex digits. Content already there
    /// (a file of that name and size) is not written again; a file of another size, left
    /// damaged, is replaced. The file appears whole or not at all: written to a temporary file
    /// in the same folder, fsynced, renamed, and the folder fsynced.
    @discardableResult
    public func put(_ data: Data) throws(StoreError) -> String {
        guard data.count <= maxBytes else { throw StoreError(.mediaTooLarge(size: data.count, limit: maxBytes)) }
        var hasher = SHA256Hasher()
        hasher.update(data)
        let hash = hasher.finalHex()
        let target = try url(for: hash)
        if let size = Self.size(of: target), size == data.count {
            // Touched, so that `sweep` takes it for new: a row may be about to point at it.
            utimensat(AT_FDCWD, target.path, nil, 0)
            return hash
        }
        // A name of its own per write: two writers of the same medium must not share a file.
        let temporary = folder.appendingPathComponent(".\(hash).\(UUID().uuidString).tmp")
        do throws(AtomicFile.WriteError) {
            try AtomicFile.writeSynced(data, to: temporary)
            try AtomicFile.rename(temporary, to: target)
        } catch {
            unlink(temporary.path)
            throw StoreError(.fileIO, message: error.reason, location: hash)
        }
        return hash
    }

    /// The medium's bytes, checked against the hash so that a damaged file is never served.
    /// At most `maxBytes` are read: a file grown beyond what `put` takes is refused.
    public func read(_ hash: String) throws(StoreError) -> Data {
        let file = try url(for: hash)
        let data: Data
        do throws(RegularFile.ReadError) {
            data = try RegularFile.read(file.path, maxBytes: maxBytes)
        } catch {
            switch error.reason {
            case .system(ENOENT): throw StoreError(.mediaNotFound, message: error.description, location: hash)
            case .tooLarge:
                throw StoreError(
                    .mediaTooLarge(size: Self.size(of: file) ?? maxBytes + 1, limit: maxBytes), location: hash)
            default: throw StoreError(.fileIO, message: error.description, location: hash)
            }
        }
        var hasher = SHA256Hasher()
        hasher.update(data)
        guard hasher.finalHex() == hash else { throw StoreError(.mediaCorrupt, location: hash) }
        return data
    }

    public func contains(_ hash: String) throws(StoreError) -> Bool {
        Self.size(of: try url(for: hash)) != nil
    }

    private static func size(of file: URL) -> Int? {
        var info = stat()
        guard stat(file.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// Outside text shown in an error: short, and only printable ASCII.
    static let maxShownCharacters = 80
    private static func shown(_ text: String) -> String {
        String(
            text.unicodeScalars.prefix(maxShownCharacters).map { $0.isASCII && $0.value >= 32 ? Character($0) : "?" })
    }

    /// Deletes media that no row refers to (`referenced`) and that were last stored before
    /// `cutoff`, and temporary files a crash left; returns how many. Uploads are stored when a
    /// form is previewed, before any revision refers to them: those never saved would
    /// otherwise fill the disk. Files newer than `cutoff` stay, as a save may be on its way.
    @discardableResult
    public func sweep(keeping referenced: Set<String>, storedBefore cutoff: Date) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return 0 }
        var removed = 0
        for name in names {
            let isTemporary = name.hasPrefix(".") && name.hasSuffix(".tmp")
            guard isTemporary || (Self.isHash(name) && !referenced.contains(name)) else { continue }
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                Double(info.st_mtim.tv_sec) < cutoff.timeIntervalSince1970
            else { continue }
            if unlink(path) == 0 { removed += 1 }
        }
        return removed
    }
}
