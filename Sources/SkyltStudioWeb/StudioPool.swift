import Foundation
import SkyltStudio

/// A few open studios (each its own SQLite connection) shared by the server's threads.
///
/// `Studio` is not `Sendable`: one value, one thread at a time. The pool hands each request
/// a studio no other thread holds, and takes it back afterwards; in WAL mode their readers do
/// not wait for each other, and writers wait for the busy timeout. The lock guards only the
/// list, never a request's work, hence `@unchecked Sendable`.
final class StudioPool: @unchecked Sendable {
    private let lock = NSCondition()
    private var idle: [Studio]

    /// Opens `size` studios on `data`, each with `now` as its clock; the first failure is thrown.
    init(data: URL, size: Int, now: @escaping @Sendable () -> Date = { Date() }) throws(StudioError) {
        var studios: [Studio] = []
        for _ in 0..<max(1, size) {
            let studio = try Studio.open(data: data, actor: "studio")
            studio.currentDate = now
            studios.append(studio)
        }
        idle = studios
    }

    /// Runs `body` with a studio of its own, waiting while all are in use.
    func with<T>(_ body: (Studio) throws -> T) rethrows -> T {
        let studio = take()
        defer { give(studio) }
        return try body(studio)
    }

    private func take() -> Studio {
        lock.lock()
        defer { lock.unlock() }
        while idle.isEmpty { lock.wait() }
        return idle.removeLast()
    }

    private func give(_ studio: Studio) {
        lock.lock()
        idle.append(studio)
        lock.signal()
        lock.unlock()
    }
}
