public import FoundationEssentials
@preconcurrency import Glibc

/// An open file descriptor with the few operations the kiosk needs (what FileHandle did):
/// capped reads, appending writes, truncation and fsync. Failures throw `POSIXError` with
/// errno, which `FileProblem.describe` words like every other file error.
public final class POSIXFile {
    public let descriptor: Int32
    private var isOpen = true

    /// Opens `path` for reading.
    public convenience init(reading path: String) throws(POSIXError) {
        try self.init(path: path, flags: O_RDONLY)
    }

    /// Opens an existing `path` for writing, at its start; `seekToEnd()` appends.
    public convenience init(writing path: String) throws(POSIXError) {
        try self.init(path: path, flags: O_WRONLY)
    }

    private init(path: String, flags: Int32) throws(POSIXError) {
        let descriptor = open(path, flags | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.lastError() }
        self.descriptor = descriptor
    }

    /// Wraps a descriptor the caller opened; it is closed with this object.
    public init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close() }

    /// Up to `count` bytes from the current offset: fewer only at the end of the file.
    public func read(upTo count: Int) throws(POSIXError) -> Data {
        var data = Data(count: count)
        var filled = 0
        while filled < count {
            let got = data.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, count - filled)
            }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw Self.lastError() }
            if got == 0 { break }
            filled += got
        }
        data.count = filled
        return data
    }

    /// Writes all of `bytes` at the current offset.
    public func write(_ bytes: some Collection<UInt8>) throws(POSIXError) {
        let array = Array(bytes)
        var written = 0
        while written < array.count {
            let done = array.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + written, array.count - written)
            }
            if done < 0 && errno == EINTR { continue }
            guard done >= 0 else { throw Self.lastError() }
            written += done
        }
    }

    /// Moves to the end; returns the file's size.
    @discardableResult
    public func seekToEnd() throws(POSIXError) -> Int64 {
        let end = lseek(descriptor, 0, SEEK_END)
        guard end >= 0 else { throw Self.lastError() }
        return Int64(end)
    }

    /// Moves to `offset` from the start.
    public func seek(to offset: Int64) throws(POSIXError) {
        guard lseek(descriptor, off_t(offset), SEEK_SET) >= 0 else { throw Self.lastError() }
    }

    /// Cuts the file to `size` bytes and moves there.
    public func truncate(at size: Int64) throws(POSIXError) {
        guard ftruncate(descriptor, off_t(size)) == 0, lseek(descriptor, off_t(size), SEEK_SET) >= 0 else {
            throw Self.lastError()
        }
    }

    /// Flushes what was written to the disk.
    public func synchronize() throws(POSIXError) {
        guard fsync(descriptor) == 0 else { throw Self.lastError() }
    }

    public func close() {
        guard isOpen else { return }
        isOpen = false
        _ = Glibc.close(descriptor)
    }

    /// The whole of `path`, or its first `limit` bytes.
    public static func read(_ path: String, limit: Int = .max) throws(POSIXError) -> Data {
        let file = try POSIXFile(reading: path)
        var data = Data()
        while data.count < limit {
            let chunk = try file.read(upTo: min(1 << 16, limit - data.count))
            if chunk.isEmpty { break }
            data.append(chunk)
        }
        return data
    }

    /// Writes a line to stderr, whole, unbuffered (what logging needs from any thread).
    public static func writeStandardError(_ text: String) {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let done = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress! + written, bytes.count - written) }
            if done < 0 && errno == EINTR { continue }
            if done <= 0 { return }
            written += done
        }
    }

    static func lastError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}

/// Sleeps the calling thread for `seconds` (what Thread.sleep did), resuming after signals.
public func sleepThread(seconds: Double) {
    guard seconds > 0 else { return }
    var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
}

/// A file refused as input because of what it is, or one the system could not open or read.
public struct RegularFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The system refused: the `errno` (no such file, permission denied, ...).
        case system(errno: Int32)
        /// A folder, FIFO, socket or device: nothing that ends, or nothing to read.
        case notRegularFile
        /// Larger than the caller's cap (`bytes` is what the file had when it was refused).
        case tooLarge(bytes: Int, limit: Int)
    }

    public var code: Code
    public var path: String

    public init(_ code: Code, path: String) {
        self.code = code
        self.path = path
    }

    /// The reason in words, without the path.
    public var reason: String {
        switch code {
        case .system(let number): FileProblem.reason(number)
        case .notRegularFile: "is not a regular file (a folder, FIFO, socket or device)"
        case .tooLarge(let bytes, let limit): "is \(bytes) bytes; the limit is \(limit)"
        }
    }

    public var description: String { "\(path): \(reason)" }
}

extension POSIXFile {
    /// Opens `path` for reading only if it is a regular file. The open never waits
    /// (`O_NONBLOCK`: opening a FIFO with no writer would block for ever, past SIGTERM), and
    /// the type and size are taken from the descriptor itself with `fstat`, so the path cannot
    /// be swapped for something else between the check and the read.
    public static func openRegular(_ path: String, limit: Int = .max) throws(RegularFileError) -> POSIXFile {
        // O_NOCTTY: a terminal named as a medium must not become the service's controlling
        // terminal (a hangup on it would then signal the player) before it is refused.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw RegularFileError(.system(errno: errno), path: path) }
        let file = POSIXFile(descriptor: descriptor)
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw RegularFileError(.system(errno: errno), path: path) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw RegularFileError(.notRegularFile, path: path) }
        guard Int(info.st_size) <= limit else {
            throw RegularFileError(.tooLarge(bytes: Int(info.st_size), limit: limit), path: path)
        }
        return file
    }

    /// The whole of the regular file `path`, at most `limit` bytes: a FIFO, device, socket or
    /// folder is refused without reading, and so is a file larger than `limit`, even one that
    /// grows while it is read.
    public static func readRegular(_ path: String, limit: Int) throws(RegularFileError) -> Data {
        let file = try openRegular(path, limit: limit)
        // One byte past the cap tells a file that grew from one that fits exactly.
        let readCap = limit == .max ? limit : limit + 1
        var data = Data()
        do {
            while data.count < readCap {
                let chunk = try file.read(upTo: min(1 << 16, readCap - data.count))
                if chunk.isEmpty { return data }
                data.append(chunk)
            }
        } catch {
            throw RegularFileError(.system(errno: error.code.rawValue), path: path)
        }
        guard data.count <= limit else {
            throw RegularFileError(.tooLarge(bytes: data.count, limit: limit), path: path)
        }
        return data
    }
}
