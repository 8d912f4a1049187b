public import Foundation
import SkyltStore

/// One mail waiting in the outbox (or sent, or failed and to be tried again).
public struct OutboxMail: Sendable, Equatable {
    public var id: Int64
    public var recipient: String
    public var subject: String
    /// Plain text: Swedish, then English.
    public var body: String
    public var createdAt: String
    /// How many times sending failed so far.
    public var attempts: Int
    public var lastError: String?
}

/// Mail to send, written in the same transaction as the step it tells of, so that no mail
/// goes out for a step that did not happen and none is lost when sending fails. The studio
/// only fills it; a sender (running a `sendmail`-compatible command) empties it.
public struct Outbox {
    public let studio: Studio

    public init(studio: Studio) {
        self.studio = studio
    }

    /// Queues one mail per user of `userIDs` who has an address and is not disabled (the
    /// others are skipped: they see the step in the studio). Joins the caller's transaction. Returns how many were queued.
    @discardableResult
    public func queueMail(to userIDs: [Int64], subject: String, body: String) throws(StudioError) -> Int {
        guard !userIDs.isEmpty else { return 0 }
        let database = studio.database
        return try studio.transaction { () throws(StudioError) in
            try storing { () throws(StoreError) in
                let now = Studio.timestamp(studio.currentDate())
                var queued = 0
                for id in Set(userIDs).sorted() {
                    let rows = try database.query(
                        "SELECT email FROM users WHERE id = ? AND disabled = 0 AND email IS NOT NULL", [.integer(id)])
                    guard let address = rows.first?[0].string else { continue }
                    try database.execute(
                        "INSERT INTO outbox (recipient, subject, body, created_at) VALUES (?, ?, ?, ?)",
                        [.text(address), .text(subject), .text(body), .text(now)])
                    queued += 1
                }
                return queued
            }
        }
    }

    /// Mail waiting to be sent, oldest first, at most `limit`: not sent, not given up.
    public func unsentMail(limit: Int = 100) throws(StudioError) -> [OutboxMail] {
        let rows = try storing { () throws(StoreError) in
            try studio.database.query(
                """
                SELECT id, recipient, subject, body, created_at, attempts, last_error FROM outbox
                WHERE sent_at IS NULL AND attempts < ? ORDER BY id LIMIT ?
                """, [.init(MailSender.maxAttempts), .init(max(0, limit))])
        }
        return rows.compactMap { row in
            guard case .integer(let id) = row[0], let recipient = row[1].string else { return nil }
            return OutboxMail(
                id: id, recipient: recipient, subject: row[2].string ?? "", body: row[3].string ?? "",
                createdAt: row[4].string ?? "", attempts: row[5].int ?? 0, lastError: row[6].string)
        }
    }

    /// Marks mail `id` sent at `date` (the studio's clock when nil), counting the attempt; it
    /// leaves `unsentMail`.
    public func markSent(_ id: Int64, at date: Date? = nil) throws(StudioError) {
        let stamp = Studio.timestamp(date ?? studio.currentDate())
        try storing { () throws(StoreError) in
            try studio.database.execute(
                "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                [.text(stamp), .integer(id)])
        }
    }

    /// Records a failed attempt at mail `id` with its error (capped); it stays unsent, to be
    /// tried again. Returns the attempts so far.
    @discardableResult
    public func markFailed(_ id: Int64, error: String) throws(StudioError) -> Int {
        try storing { () throws(StoreError) in
            try studio.database.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                [.text(String(error.prefix(2000))), .integer(id)])
            return try studio.database.query("SELECT attempts FROM outbox WHERE id = ?", [.integer(id)]).first?[0]
                .int ?? 0
        }
    }
}

extension Users {
    /// The address trimmed, when it looks like one a `sendmail` command takes: 3 to 254
    /// characters, one '@' with text on both sides, a dot in the domain, no spaces or
    /// control characters (which could add headers to a mail).
    public static func checkedEmail(_ given: String) throws(StudioError) -> String {
        let address = given.trimmingCharacters(in: .whitespaces)
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard (3...254).contains(address.count), parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !address.hasPrefix("-"),
            address.unicodeScalars.allSatisfy({
                $0.value > 0x20 && $0.value != 0x7F && !"<>,;\"'\\".unicodeScalars.contains($0)
            }),
            // And what the mail sender takes, so that no address is stored that never gets mail.
            MailSettings.isAddress(address)
        else { throw StudioError(.invalidEmail, location: given) }
        return address
    }
}

extension Studio {
    /// User `userID`'s mail address, nil when none is given.
    public func email(ofUser userID: Int64) throws(StudioError) -> String? {
        try storing { () throws(StoreError) in
            try database.query("SELECT email FROM users WHERE id = ?", [.integer(userID)]).first?[0].string
        }
    }

    /// Sets (or with nil or an empty text, clears) user `userID`'s mail address, checked by
    /// `Users.checkedEmail`, with an audit row.
    public func setEmail(_ given: String?, userID: Int64) throws(StudioError) {
        let trimmed = given?.trimmingCharacters(in: .whitespaces) ?? ""
        let address = trimmed.isEmpty ? nil : try Users.checkedEmail(trimmed)
        try transaction { () throws(StudioError) in
            let name = try userName(userID)
            try storing { () throws(StoreError) in
                try database.execute(
                    "UPDATE users SET email = ? WHERE id = ?", [address.map { .text($0) } ?? .null, .integer(userID)])
            }
            try audit("user.email", subject: name, detail: address == nil ? "removed" : "set")
        }
    }
}
