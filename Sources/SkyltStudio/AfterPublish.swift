import Foundation
@preconcurrency import Glibc

/// `afterPublish` in studio.json: a program run after each publish, such as `rclone sync` of
/// the site folder to an object store that hundreds of screens fetch from.
///
/// An argument list, never a shell line: nothing in a channel name or a path is ever parsed
/// as shell syntax. The program gets the studio's environment and `SKYLT_CHANNEL`,
/// `SKYLT_VERSION` and `SKYLT_SITE`.
public struct AfterPublishCommand: Codable, Sendable, Equatable {
    public static let defaultTimeoutSeconds = 300
    /// A sync of a large site may take long, but not all day.
    public static let maxTimeoutSeconds = 3600

    /// The program (an absolute path) and its arguments.
    public var command: [String]
    /// After this long the program is stopped (SIGTERM, then SIGKILL) and recorded as timed
    /// out; `defaultTimeoutSeconds` when missing.
    public var timeoutSeconds: Int?

    public init(command: [String], timeoutSeconds: Int? = nil) {
        self.command = command
        self.timeoutSeconds = timeoutSeconds
    }

    /// The timeout in force: the given one within 1 s and `maxTimeoutSeconds`.
    public var effectiveTimeoutSeconds: Int {
        min(max(timeoutSeconds ?? Self.defaultTimeoutSeconds, 1), Self.maxTimeoutSeconds)
    }
}

/// How the after-publish command ended, and what it printed.
public struct AfterPublishResult: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// It exited with this status (0: success).
        case exited(Int32)
        /// A signal it did not survive ended it (not the studio's, which is `timedOut`).
        case signalled(Int32)
        /// It ran past its timeout and was stopped.
        case timedOut
        /// It could not be started (no such program, not an absolute path); `output` says why.
        case notStarted
    }

    /// Output kept in the publication's row: stdout and stderr, interleaved as written.
    public static let maxOutputBytes = 64 << 10

    public var outcome: Outcome
    /// Standard output and error together, cut at `maxOutputBytes`.
    public var output: String

    public init(outcome: Outcome, output: String) {
        self.outcome = outcome
        self.output = output
    }

    public var succeeded: Bool { outcome == .exited(0) }

    /// The outcome as `publications.command_status` keeps it: an exit status as it is (0–255),
    /// a signal as 1000 + its number, a timeout as -1, a failed start as -2.
    var statusCode: Int {
        switch outcome {
        case .exited(let status): Int(status)
        case .signalled(let signal): 1000 + Int(signal)
        case .timedOut: -1
        case .notStarted: -2
        }
    }

    init(statusCode: Int, output: String) {
        let outcome: Outcome =
            switch statusCode {
            case -1: .timedOut
            case -2: .notStarted
            case 1000...: .signalled(Int32(clamping: statusCode - 1000))
            default: .exited(Int32(clamping: statusCode))
            }
        self.init(outcome: outcome, output: output)
    }
}
