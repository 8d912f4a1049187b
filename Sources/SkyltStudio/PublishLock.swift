import Foundation
@preconcurrency import Glibc

/// One publish at a time per data folder: an exclusive `flock` on `publish.lock` there.
///
/// The web server runs several `Studio` values (one per request thread), and an operator may
/// run `skylt-studio publish` beside it: two publishes at once would both read version N and
/// write N+1 into the same bundle folder. The lock is on an open file description, so it
/// holds between threads of one process as between processes, and the kernel drops it when
/// the process dies, so a crash never leaves the studio locked.
enum PublishLock {
    static let fileName = "publish.lock"
    /// How long a publish waits for the one before it (which may be running its after-publish
    /// command, itself bounded by its timeout) before giving up.
    static let maxWaitSeconds = 900.0
    static let pollIntervalMicroseconds: UInt32 = 50_000

    /// Runs `body` holding the lock of `folder`, after waiting for it at most `maxWaitSeconds`.
    static func holding<T>(
        _ folder: DataFolder, maxWaitSeconds: Double = Self.maxWaitSeconds, _ body: () throws(StudioError) -> T
    ) throws(StudioError) -> T {
        let path = folder.url.appendingPathComponent(Self.fileName).path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw StudioError(.fileIO, location: path, message: String(cString: strerror(errno)))
        }
        // Closing the descriptor releases the lock.
        defer { close(descriptor) }
        let deadline = Date().addingTimeInterval(maxWaitSeconds)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno
            guard reason == EWOULDBLOCK || reason == EINTR, Date() < deadline else {
                if reason == EWOULDBLOCK { throw StudioError(.publishBusy) }
                throw StudioError(.publishFailed, location: path, message: String(cString: strerror(reason)))
            }
            usleep(Self.pollIntervalMicroseconds)
        }
        return try body()
    }
}
