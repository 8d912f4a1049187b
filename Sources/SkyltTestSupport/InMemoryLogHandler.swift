public import SkyltCore
import Synchronization

/// Keeps every line in memory, for tests that check what was logged. Hand it to the part
/// under test as `Logger(handler)`.
public final class InMemoryLogHandler: LogHandler {
    public struct Entry: Sendable, Equatable {
        public var level: LogLevel
        public var message: String
    }

    private let entries = Mutex<[Entry]>([])

    public init() {}

    public var logger: Logger { Logger(self) }

    public func log(_ level: LogLevel, _ message: String) {
        entries.withLock { $0.append(Entry(level: level, message: message)) }
    }

    /// Every line so far, oldest first.
    public var all: [Entry] { entries.withLock { $0 } }
    /// The messages so far, oldest first.
    public var messages: [String] { all.map(\.message) }
}
