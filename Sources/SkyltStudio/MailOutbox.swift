import Foundation
import SkyltStore

/// The sender's side of the outbox: the message of a row, giving a row up, and the run of the
/// `sendmail`-compatible command. Reading and marking rows is `Outbox`'s (Outbox.swift).
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
