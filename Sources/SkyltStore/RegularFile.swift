public import Foundation
@preconcurrency internal import Glibc

/// Reads a file that must be a regular file no larger than a cap, from one open descriptor.
///
/// Checking a path (`lstat`, a size from its attributes) and then opening it by name leaves a
/// gap in which the path can become a link to a secret, a FIFO that never ends or a larger
/// file. Here the checks are made on what was opened: the last component is not followed
/// (O_NOFOLLOW), the open never waits (O_NONBLOCK, for a FIFO), `fstat` must say regular file,
/// and at most `maxBytes + 1` bytes are read, so a file that grew is refused too.
public enum RegularFile {
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public enum Reason: Sendable, Equatable {
            /// The path is a symbolic link.
            case link
            /// A folder, FIFO, socket or device.
            case notRegular
            /// More than the cap.
            case tooLarge(limit: Int)
            /// The system refused; the value is `errno`.
            case system(Int32)
        }

        public var path: String
        public var reason: Reason

        /// True when the file itself is refused, as opposed to the system failing to read it.
        public var isRefusal: Bool {
            if case .system = reason { return false }
            return true
        }

        public var description: String {
            switch reason {
            case .link: "is a symbolic link, which is not followed here"
            case .notRegular: "is not a regular file"
            case .tooLarge(let limit): "is larger than \(limit) bytes"
            case .system(let number): String(cString: strerror(number))
            }
        }
    }

    /// Bytes read at a time.
    static let chunkBytes = 1 << 16

    public static func read(_ path: String, maxBytes: Int) throws(ReadError) -> Data {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(path: path, reason: errno == ELOOP ? .link : .system(errno)) }
        defer { Glibc.close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw ReadError(path: path, reason: .system(errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw ReadError(path: path, reason: .notRegular) }
        guard Int(info.st_size) <= maxBytes else { throw ReadError(path: path, reason: .tooLarge(limit: maxBytes)) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: chunkBytes)
        while data.count <= maxBytes {
            let count = buffer.withUnsafeMutableBytes {
                Glibc.read(descriptor, $0.baseAddress, min(chunkBytes, maxBytes + 1 - data.count))
            }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw ReadError(path: path, reason: .system(errno)) }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
        }
        throw ReadError(path: path, reason: .tooLarge(limit: maxBytes))
    }
}
