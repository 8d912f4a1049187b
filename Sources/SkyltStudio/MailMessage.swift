public import Foundation

/// A mail could not be written: a header value would break the message's structure.
public struct MailError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// A header value holds CR, LF or another control character: it could end the header
        /// and start another (header injection), so the mail is refused, never cleaned up.
        case lineBreakInHeader
        /// The recipient or sender is not one bare address.
        case invalidAddress
    }

    public var code: Code
    /// The header concerned: `From`, `To` or `Subject`.
    public var header: String

    public var description: String {
        switch code {
        case .lineBreakInHeader: "\(header): holds a line break or another control character"
        case .invalidAddress: "\(header): is not one mail address"
        }
    }
}

/// One mail of the outbox as an RFC 5322 message for `sendmail -t`: plain UTF-8 text, the
/// subject as RFC 2047 encoded words when it is not plain ASCII. Lines end in LF, as
/// `sendmail` reads them from a local program (it writes CRLF on the wire).
public struct MailMessage: Sendable, Equatable {
    /// The longest line of the body, in bytes, that RFC 5322 allows; longer ones are broken.
    static let maxLineBytes = 998
    /// UTF-8 bytes per encoded word: 45 bytes are 60 base64 characters, so that the word
    /// with `=?UTF-8?B?` and `?=` stays within RFC 2047's 75.
    static let encodedWordBytes = 45

    public var from: String
    public var to: String
    public var subject: String
    public var body: String
    public var date: Date
    /// Without the angle brackets, e.g. `outbox-12-20261127T101500@kommun.se`.
    public var messageID: String

    public init(from: String, to: String, subject: String, body: String, date: Date, messageID: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
    }

    /// The message's bytes, or why it cannot be written.
    public func encoded() throws(MailError) -> Data {
        for (header, address) in [("From", from), ("To", to)] where !MailSettings.isAddress(address) {
            throw MailError(code: Self.hasControl(address) ? .lineBreakInHeader : .invalidAddress, header: header)
        }
        guard !Self.hasControl(subject) else { throw MailError(code: .lineBreakInHeader, header: "Subject") }
        guard !Self.hasControl(messageID), MailSettings.isAddress(messageID) else {
            throw MailError(code: .invalidAddress, header: "Message-ID")
        }
        let headers = [
            "From: \(from)", "To: \(to)", "Subject: \(Self.headerText(subject))", "Date: \(Self.dateText(date))",
            "Message-ID: <\(messageID)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        return Data((headers.joined(separator: "\n") + "\n\n" + Self.bodyText(body)).utf8)
    }

    /// A header value as it is when printable ASCII, else as encoded words, folded.
    static func headerText(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }), text.utf8.count <= 900 {
            return text
        }
        var words: [String] = []
        var chunk = ""
        for character in text {
            if chunk.utf8.count + character.utf8.count > encodedWordBytes, !chunk.isEmpty {
                words.append(encodedWord(chunk))
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return words.joined(separator: "\n ")
    }

    static func encodedWord(_ text: String) -> String {
        "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    /// RFC 5322's date, in UTC: `Fri, 27 Nov 2026 17:38:37 +0000`.
    static func dateText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// The body with LF line ends, lines longer than the limit broken, and a final LF.
    static func bodyText(_ text: String) -> String {
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines: [String] = []
        for line in unified.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = Substring(line)
            while rest.utf8.count > maxLineBytes {
                var cut = rest.startIndex
                var bytes = 0
                while cut < rest.endIndex, bytes + rest[cut].utf8.count <= maxLineBytes {
                    bytes += rest[cut].utf8.count
                    cut = rest.index(after: cut)
                }
                lines.append(String(rest[..<cut]))
                rest = rest[cut...]
            }
            lines.append(String(rest))
        }
        var result = lines.joined(separator: "\n")
        if !result.hasSuffix("\n") { result += "\n" }
        return result
    }

    private static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }
}
