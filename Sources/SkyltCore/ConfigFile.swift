public import FoundationEssentials
@preconcurrency import Glibc

/// A small file the kiosk or `skylt` is told to read (a config, a key, a signature, the
/// last-seen time) could not be used. `code` says why, for callers and tests to switch on;
/// `path` names the file, so the message always says which one.
public struct ConfigFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// Nothing is at the path.
        case missing
        /// Something other than a regular file is there (a folder, a FIFO, a device, a socket).
        case notRegular(kind: String)
        /// The file is larger than the reader takes; checked before reading.
        case tooLarge(size: Int64, limit: Int)
        /// The system refused to open or read it (with errno).
        case unreadable(errno: Int32)
    }

    public var code: Code
    public var path: String

    public init(_ code: Code, path: String) {
        self.code = code
        self.path = path
    }

    /// What is wrong, without the path.
    public var reason: String {
        switch code {
        case .missing: "does not exist"
        case .notRegular(let kind): "is \(kind), not a regular file"
        case .tooLarge(let size, let limit): "is \(size) bytes; at most \(limit) are read"
        case .unreadable(let code): "cannot be read: \(FileProblem.reason(code))"
        }
    }

    public var description: String { "\(path): \(reason)" }
}

/// Reads small files the way a config must be read: the kind and size are checked on the open
/// descriptor before a byte is read, so a folder, a FIFO (which would block the open), a
/// device such as /dev/zero (which never ends) or a huge file costs nothing but its error.
public enum ConfigFile {
    /// The whole of the regular file at `path`, which must be at most `limit` bytes.
    public static func read(_ path: String, limit: Int) throws(ConfigFileError) -> Data {
        // O_NONBLOCK: opening a FIFO without a writer must not wait for one.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            let code = errno
            throw ConfigFileError(code == ENOENT ? .missing : .unreadable(errno: code), path: path)
        }
        let file = POSIXFile(descriptor: descriptor)
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw ConfigFileError(.unreadable(errno: errno), path: path) }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else { throw ConfigFileError(.notRegular(kind: kind(of: type)), path: path) }
        guard info.st_size <= limit else {
            throw ConfigFileError(.tooLarge(size: Int64(info.st_size), limit: limit), path: path)
        }
        let data: Data
        do {
            // One byte more than the cap: a file that grew since fstat is caught, not cut.
            data = try file.read(upTo: limit + 1)
        } catch {
            throw ConfigFileError(.unreadable(errno: error.code.rawValue), path: path)
        }
        guard data.count <= limit else {
            throw ConfigFileError(.tooLarge(size: Int64(data.count), limit: limit), path: path)
        }
        return data
    }

    /// The file's text, read as `read(_:limit:)` does; bytes that are not UTF-8 are replaced.
    public static func text(_ path: String, limit: Int) throws(ConfigFileError) -> String {
        String(decoding: try read(path, limit: limit), as: UTF8.self)
    }

    /// A file type in words, for the message.
    static func kind(of type: mode_t) -> String {
        switch type {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "not a file"
        }
    }
}
