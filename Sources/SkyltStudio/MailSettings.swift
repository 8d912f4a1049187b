import Foundation

/// `mail` in studio.json: the `sendmail`-compatible program that sends the studio's mail, and
/// the address it comes from. Absent: the studio sends no mail, and marks what the outbox
/// holds as skipped (so that turning mail on later does not send a heap of stale notices).
///
/// An argument list, never a shell line, and never an SMTP client of the studio's own: a
/// local MTA (msmtp, nullmailer, Postfix…) queues, retries and authenticates far better.
public struct MailSettings: Codable, Sendable, Equatable {
    public static let defaultTimeoutSeconds = 30
    public static let maxTimeoutSeconds = 300
    /// An address is at most this long (RFC 5321's path limit).
    public static let maxAddressLength = 254

    /// The program (an absolute path) and its arguments, e.g. `["/usr/sbin/sendmail", "-t", "-i"]`:
    /// the message, with its `To:` header, goes to the program's standard input.
    public var command: [String]
    /// The `From:` address.
    public var from: String
    /// After this long the program is stopped and the attempt counts as failed;
    /// `defaultTimeoutSeconds` when missing.
    public var timeoutSeconds: Int?

    public init(command: [String], from: String, timeoutSeconds: Int? = nil) {
        self.command = command
        self.from = from
        self.timeoutSeconds = timeoutSeconds
    }

    public var effectiveTimeoutSeconds: Int { timeoutSeconds ?? Self.defaultTimeoutSeconds }

    /// Refuses settings that could not work, naming the field (`invalidConfig`, with
    /// `mail.command`, `mail.from` or `mail.timeoutSeconds` as its location).
    public func validate() throws(StudioError) {
        guard let program = command.first else {
            throw StudioError(
                .invalidConfig, location: "mail.command", message: "name the program, e.g. /usr/sbin/sendmail")
        }
        guard program.hasPrefix("/") else {
            throw StudioError(
                .invalidConfig, location: "mail.command", message: "the first word must be the program's absolute path")
        }
        guard command.allSatisfy({ !$0.isEmpty && !$0.contains("\0") }) else {
            throw StudioError(.invalidConfig, location: "mail.command", message: "a word is empty or holds a NUL")
        }
        guard Self.isAddress(from) else {
            throw StudioError(
                .invalidConfig, location: "mail.from",
                message: "'\(from)' is not a mail address such as skylt@kommun.se")
        }
        if let timeoutSeconds, !(1...Self.maxTimeoutSeconds).contains(timeoutSeconds) {
            throw StudioError(
                .invalidConfig, location: "mail.timeoutSeconds",
                message: "must be between 1 and \(Self.maxTimeoutSeconds) seconds")
        }
    }

    /// A bare address (`name@domain`) that is safe in a header and as one recipient of
    /// `sendmail -t`: no spaces, line breaks, angle brackets, commas or other separators.
    public static func isAddress(_ text: String) -> Bool {
        guard text.utf8.count <= maxAddressLength, let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty, !domain.hasPrefix("."), !domain.hasSuffix(".") else { return false }
        return text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !forbidden.contains($0) }
    }

    /// Separators and quoting that have no place in a bare address.
    private static let forbidden = Set("<>,;:\"()[]\\".unicodeScalars)
}
