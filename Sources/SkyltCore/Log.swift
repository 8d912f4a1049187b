import FoundationEssentials

/// Severity of a log line, with the syslog priority that systemd's journal reads from a
/// `<N>` prefix.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    case error = 3
    case warning = 4
    case notice = 5
    case info = 6
    case debug = 7

    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue > b.rawValue }

    public var description: String {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .notice: "notice"
        case .info: "info"
        case .debug: "debug"
        }
    }
}

/// Where log lines go. Handlers are called from any thread and must return quickly.
public protocol LogHandler: Sendable {
    func log(_ level: LogLevel, _ message: String)
}

/// What every part of Skylt logs through: a value handed to the part that logs, so a kiosk
/// sends its lines to stderr and the status page, and a test to memory, without any global
/// to swap.
public struct Logger: Sendable {
    public let handler: any LogHandler

    public init(_ handler: any LogHandler) { self.handler = handler }

    /// Lines on stderr at `info` and above: what a command uses unless told otherwise.
    public static let standard = Logger(StandardErrorLogHandler())

    /// Messages carry text from playlists and servers: every handler gets them with control
    /// characters escaped (`ControlCharacters.escaped`), line breaks kept for the handler to lay out.
    public func error(_ message: String) { log(.error, message) }
    public func warning(_ message: String) { log(.warning, message) }
    public func notice(_ message: String) { log(.notice, message) }
    public func info(_ message: String) { log(.info, message) }
    public func debug(_ message: String) { log(.debug, message) }

    private func log(_ level: LogLevel, _ message: String) {
        handler.log(level, ControlCharacters.escaped(message, keepingLineBreaks: true))
    }
}

/// Lines on stderr. Under systemd (when `JOURNAL_STREAM` is set) each line starts with
/// `<priority>` so the journal files it at the right level; at a terminal it starts with the
/// level's name. One `write` per line, so lines from threads never interleave.
public struct StandardErrorLogHandler: LogHandler {
    /// Lines below this level are dropped.
    public var minimum: LogLevel
    public var journal: Bool

    /// `journal` nil: prefix priorities when systemd's journal reads stderr (JOURNAL_STREAM).
    public init(minimum: LogLevel = .info, journal: Bool? = nil) {
        self.minimum = minimum
        self.journal = journal ?? (ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil)
    }

    public func log(_ level: LogLevel, _ message: String) {
        guard level >= minimum else { return }
        // One line per message whoever calls: line breaks become " | ", other controls `\u{..}`.
        let flat = ControlCharacters.escaped(message.replacingAll("\n", with: " | "))
        let line = (journal ? "<\(level.rawValue)>" : "\(level): ") + flat
        POSIXFile.writeStandardError(line + "\n")
    }
}

/// Hands every line to each of its handlers: stderr and the status page's ring, say.
public struct MultiplexLogHandler: LogHandler {
    public let handlers: [any LogHandler]

    public init(_ handlers: [any LogHandler]) { self.handlers = handlers }

    public func log(_ level: LogLevel, _ message: String) {
        for handler in handlers { handler.log(level, message) }
    }
}
