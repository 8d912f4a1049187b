public import FoundationEssentials
@preconcurrency public import Glibc

/// Crash-safe file writes: temporary file in the same folder, write, fsync, rename, fsync of
/// the folder. After a power cut the file is either the old one or the new one, whole.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Permissions of an ordinary file.
    public static let publicMode: mode_t = 0o644
    /// Permissions of a secret (a private key, a token): the owner alone reads it.
    public static let secretMode: mode_t = 0o600

    /// Replaces `url` with `data`. The file has `mode` from its first byte on, so a secret is
    /// never readable by others, not even for a moment.
    public static func write(_ data: Data, to url: URL, mode: mode_t = publicMode) throws(WriteError) {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid()).tmp")
        try writeSynced(data, to: temporary, mode: mode)
        try rename(temporary, to: url)
    }

    /// Writes and fsyncs a new file in place (for temporary files that are renamed afterwards).
    /// A file left there by a crash is replaced, not reused, so that it cannot keep other
    /// permissions than `mode`.
    public static func writeSynced(_ data: Data, to url: URL, mode: mode_t = publicMode) throws(WriteError) {
        unlink(url.path)
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw WriteError(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var written = 0
        let failure: Int32? = data.withUnsafeBytes { bytes -> Int32? in
            while written < bytes.count {
                let count = Glibc.write(fd, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += count
            }
            return nil
        }
        if let failure { throw WriteError(path: url.path, reason: String(cString: strerror(failure))) }
        guard fsync(fd) == 0 else {
            throw WriteError(path: url.path, reason: "fsync: " + String(cString: strerror(errno)))
        }
    }

    /// Renames and then fsyncs the target's folder, so the rename itself survives a power cut.
    public static func rename(_ from: URL, to: URL) throws(WriteError) {
        guard Glibc.rename(from.path, to.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(from.path)
            throw WriteError(path: to.path, reason: reason)
        }
        syncFolder(to.deletingLastPathComponent())
    }

    public static func syncFolder(_ folder: URL) {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// fsyncs an existing file (one written in pieces).
    public static func sync(_ url: URL) throws(WriteError) {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw WriteError(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fsync(fd) == 0 else {
            throw WriteError(path: url.path, reason: "fsync: " + String(cString: strerror(errno)))
        }
    }
}
