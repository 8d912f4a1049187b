import Foundation
import SkyltStore

/// The sender's side of the outbox: the rows still to try, what became of each attempt, and
/// the run of the `sendmail`-compatible command. The workflow fills the outbox (Outbox.swift).
extension OutboxMail {
    /// The message, its Message-ID made of the row's id and time and the sender's domain, so
    /// that a retry carries the same one and a receiver can tell a duplicate.
    func message(from sender: String, date: Date) -> MailMessage {
        let domain = sender.split(separator: "@").last.map(String.init) ?? "localhost"
        let stamp = createdAt.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return MailMessage(
            from: sender, to: recipient, subject: subject, body: body, date: date,
            messageID: "skylt-outbox-\(id)-\(stamp)@\(domain)")
    }
}

extension Studio {
    /// Unsent mail not given up, oldest first.
    func unsentMail(limit: Int) throws(StudioError) -> [OutboxMail] {
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT id, recipient, subject, body, created_at FROM outbox
                WHERE sent_at IS NULL AND attempts < ? ORDER BY id LIMIT ?
                """, [.init(MailSender.maxAttempts), .init(limit)])
        }
        return rows.compactMap { row in
            guard case .integer(let id) = row[0], let to = row[1].string, let subject = row[2].string,
                let body = row[3].string
            else { return nil }
            return OutboxMail(
                id: id, recipient: to, subject: subject, body: body, createdAt: row[4].string ?? "", attempts: 0,
                lastError: nil)
        }
    }

    func markSent(_ mail: OutboxMail, at date: Date) throws(StudioError) {
        try storing { () throws(StoreError) in
            try database.execute(
                "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                [.text(Self.timestamp(date)), .integer(mail.id)])
        }
    }

    /// Counts a failed attempt; returns the attempts so far.
    func recordFailure(_ mail: OutboxMail, error: String) throws(StudioError) -> Int {
        try storing { () throws(StoreError) in
            try database.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                [.text(error), .integer(mail.id)])
            return try database.query("SELECT attempts FROM outbox WHERE id = ?", [.integer(mail.id)]).first?[0].int
                ?? 0
        }
    }

    /// Never to be sent: attempts at the limit, `note` saying why.
    func giveUp(_ mail: OutboxMail, note: String) throws(StudioError) {
        try storing { () throws(StoreError) in
            try database.execute(
                "UPDATE outbox SET attempts = ?, last_error = ? WHERE id = ?",
                [.init(MailSender.maxAttempts), .text(note), .integer(mail.id)])
        }
    }

    /// Runs the mail command with `message` on its standard input (from a file under `tmp/`,
    /// so that a program that reads slowly or not at all can never block the studio).
    func runMailCommand(_ settings: MailSettings, message: Data) throws(StudioError) -> AfterPublishResult {
        let staging = try folder.makeStagingFolder("mail")
        defer { try? FileManager.default.removeItem(at: staging) }
        let file = staging.appendingPathComponent("message.eml")
        let input: FileHandle
        do {
            try message.write(to: file)
            input = try FileHandle(forReadingFrom: file)
        } catch {
            throw StudioError(.fileIO, location: file.path, message: error.localizedDescription)
        }
        defer { try? input.close() }
        return AfterPublishRunner.run(
            settings.command, environment: [:], input: input, timeout: Double(settings.effectiveTimeoutSeconds))
    }
}
