import Foundation
import Synchronization

/// Severity of a log line, with the syslog priority that systemd's journal reads from a
/// `<N>` prefix.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    case error = 3
    case warning = 4
    case notice = 5
    case info = 6
    case debug = 7

    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue > b.rawValue }

    var name: String {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .notice: "notice"
        case .info: "info"
        case .debug: "debug"
        }
    }
}

/// Structured log lines on stderr. Under systemd (when `JOURNAL_STREAM` is set) each line starts
/// with `<priority>` so the journal files it at the right level; at a terminal it starts with
/// the level's name. Safe to call from any thread.
public enum Log {
    private static let state = Mutex(State())

    private struct State {
        var minimum: LogLevel = .info
        var sink: (@Sendable (LogLevel, String) -> Void)?
    }

    static let journal = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil

    /// Lines below this level are dropped.
    public static func setMinimum(_ level: LogLevel) { state.withLock { $0.minimum = level } }

    /// Also hands each line to `sink` (tests, the status page's ring buffer).
    public static func setSink(_ sink: (@Sendable (LogLevel, String) -> Void)?) { state.withLock { $0.sink = sink } }

    public static func write(_ level: LogLevel, _ message: String) {
        let (minimum, sink) = state.withLock { ($0.minimum, $0.sink) }
        guard level >= minimum else { return }
        let line =
            (journal ? "<\(level.rawValue)>" : "\(level.name): ") + message.replacingOccurrences(of: "\n", with: " | ")
        FileHandle.standardError.write(Data((line + "\n").utf8))
        sink?(level, message)
    }

    public static func error(_ message: String) { write(.error, message) }
    public static func warning(_ message: String) { write(.warning, message) }
    public static func notice(_ message: String) { write(.notice, message) }
    public static func info(_ message: String) { write(.info, message) }
    public static func debug(_ message: String) { write(.debug, message) }
}
