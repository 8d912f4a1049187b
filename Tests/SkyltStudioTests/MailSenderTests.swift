import Foundation
import SkyltCore
import SkyltStore
import SkyltTestSupport
import Testing

@testable import SkyltStudio

/// The outbox sent through stand-ins for `sendmail`: shell scripts the tests write.
@Suite("mail sender")
struct MailSenderTests {
    let fixture = StudioFixture()
    let clock = ManualClock(start: ISO8601.parse("2026-11-20T10:00:00+01:00")!)
    let log = InMemoryLogHandler()
    static let subject = "Ditt bidrag är godkänt – Ängsby IF"
    static let body = "Hej Kim!\r\nDin anmälan om höstmötet syns på skärmarna från i morgon.\n\n/Skylt"

    /// A studio whose studio.json has `mail` (none when nil).
    func studio(mail: MailSettings?) throws -> Studio {
        _ = try fixture.create()
        let file = DataFolder(fixture.data).configFile
        var config = try JSONDecoder().decode(StudioConfig.self, from: Data(contentsOf: file))
        config.mail = mail
        try JSONEncoder().encode(config).write(to: file)
        return try Studio.open(data: fixture.data, actor: "test")
    }

    @discardableResult
    func enqueue(_ studio: Studio, to: String = "kim@example.org", subject: String = Self.subject) throws -> Int {
        try studio.database.execute(
            "INSERT INTO outbox (recipient, subject, body, created_at) VALUES (?, ?, ?, '2026-11-20T09:00:00Z')",
            [.text(to), .text(subject), .text(Self.body)])
        return Int(studio.database.lastInsertRowID)
    }

    func row(_ studio: Studio, _ id: Int) throws -> (sent: Bool, attempts: Int, error: String?) {
        let row = try #require(
            try studio.database.query("SELECT sent_at, attempts, last_error FROM outbox WHERE id = ?", [.init(id)])
                .first)
        return (row[0].string != nil, row[1].int ?? -1, row[2].string)
    }

    func sender() -> MailSender { MailSender(data: fixture.data, clock: clock, logger: log.logger) }

    @Test("a mail goes to the command's stdin as a well-formed message, and is marked sent")
    func sends() throws {
        let out = fixture.folder.file("mail.eml")
        let script = fixture.script("sendmail.sh", #"cat > "$1""#)
        let studio = try studio(mail: MailSettings(command: [script.path, out.path], from: "skylt@kommun.se"))
        let id = try enqueue(studio)
        let round = sender().runOnce()
        #expect(round.sent == 1 && round.failed == 0)
        #expect(try row(studio, id).sent && row(studio, id).attempts == 1 && row(studio, id).error == nil)
        let text = try String(contentsOf: out, encoding: .utf8)
        let parts = text.components(separatedBy: "\n\n")
        let headers = parts[0].replacingOccurrences(of: "\n ", with: " ").split(separator: "\n").map(String.init)
        #expect(headers.contains("From: skylt@kommun.se") && headers.contains("To: kim@example.org"))
        #expect(headers.contains("MIME-Version: 1.0"))
        #expect(headers.contains("Content-Type: text/plain; charset=UTF-8"))
        #expect(headers.contains("Content-Transfer-Encoding: 8bit"))
        #expect(headers.contains("Date: Fri, 20 Nov 2026 09:00:00 +0000"))
        #expect(headers.contains { $0.hasPrefix("Message-ID: <skylt-outbox-\(id)-") && $0.hasSuffix("@kommun.se>") })
        let subject = try #require(headers.first { $0.hasPrefix("Subject: ") }).dropFirst("Subject: ".count)
        let words = subject.split(separator: " ")
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") && $0.count <= 75 })
        let decoded = words.map { word in
            String(decoding: Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) ?? Data(), as: UTF8.self)
        }
        #expect(decoded.joined() == Self.subject)
        #expect(
            parts.dropFirst().joined(separator: "\n\n")
                == "Hej Kim!\nDin anmälan om höstmötet syns på skärmarna från i morgon.\n\n/Skylt\n")
        #expect(sender().runOnce().sent == 0)
    }

    @Test("a failing command counts the attempt, keeps its words, and the mail is tried again after a pause")
    func retries() throws {
        let script = fixture.script("fail.sh", "cat > /dev/null; echo 'no route to relay' >&2; exit 1")
        let studio = try studio(mail: MailSettings(command: [script.path], from: "skylt@kommun.se"))
        let id = try enqueue(studio)
        let sender = sender()
        #expect(sender.runOnce().failed == 1)
        #expect(try row(studio, id).attempts == 1 && row(studio, id).error?.contains("no route to relay") == true)
        #expect(try !row(studio, id).sent)
        #expect(sender.runOnce().failed == 0)
        #expect(try row(studio, id).attempts == 1)
        for attempt in 2...MailSender.maxAttempts {
            clock.advance(by: MailSender.maxRetrySeconds)
            #expect(sender.runOnce().failed == 1)
            #expect(try row(studio, id).attempts == attempt)
        }
        clock.advance(by: MailSender.maxRetrySeconds)
        #expect(sender.runOnce().failed == 0)
        #expect(try row(studio, id).attempts == MailSender.maxAttempts && !row(studio, id).sent)
        #expect(
            log.all.contains { $0.level == .error && $0.message.contains("given up after \(MailSender.maxAttempts)") })
    }

    @Test("a command that hangs is stopped at the time limit and counted as a failed attempt")
    func hang() throws {
        let script = fixture.script("hang.sh", "sleep 30")
        let studio = try studio(mail: MailSettings(command: [script.path], from: "skylt@kommun.se", timeoutSeconds: 1))
        let id = try enqueue(studio)
        let start = Date()
        #expect(sender().runOnce().failed == 1)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(try row(studio, id).attempts == 1 && row(studio, id).error?.contains("timedOut") == true)
    }

    @Test("a line break in a subject or recipient is refused, and the command never runs")
    func headerInjection() throws {
        let out = fixture.folder.file("mail.eml")
        let script = fixture.script("sendmail.sh", #"cat > "$1""#)
        let studio = try studio(mail: MailSettings(command: [script.path, out.path], from: "skylt@kommun.se"))
        let subject = try enqueue(studio, subject: "Hej\r\nBcc: alla@example.org")
        let recipient = try enqueue(studio, to: "kim@example.org\nBcc: alla@example.org")
        let round = sender().runOnce()
        #expect(round.dropped == 2 && round.sent == 0)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        for id in [subject, recipient] {
            #expect(try row(studio, id).attempts == MailSender.maxAttempts && !row(studio, id).sent)
            #expect(try row(studio, id).error?.hasPrefix("refused: ") == true)
        }
        let message = MailMessage(
            from: "skylt@kommun.se", to: "kim@example.org", subject: "a\nb", body: "", date: Date(), messageID: "x@y")
        #expect(throws: MailError(code: .lineBreakInHeader, header: "Subject")) { try message.encoded() }
    }

    @Test("without mail in studio.json, waiting mail is marked skipped, never sent later")
    func skipped() throws {
        let studio = try studio(mail: nil)
        let id = try enqueue(studio)
        #expect(sender().runOnce().dropped == 1)
        #expect(try row(studio, id).attempts == MailSender.maxAttempts && !row(studio, id).sent)
        #expect(try row(studio, id).error?.hasPrefix("skipped") == true)
    }

    @Test("studio.json's mail is checked on load, with the field named")
    func validation() throws {
        for (mail, field) in [
            (#"{"command": ["sendmail", "-t"], "from": "skylt@kommun.se"}"#, "mail.command"),
            (#"{"command": [], "from": "skylt@kommun.se"}"#, "mail.command"),
            (#"{"command": ["/usr/sbin/sendmail"], "from": "skylt kommun"}"#, "mail.from"),
            (#"{"command": "/usr/sbin/sendmail -t", "from": "skylt@kommun.se"}"#, "mail.command"),
            (#"{"command": ["/usr/sbin/sendmail"]}"#, "mail.from"),
            (#"{"command": ["/usr/sbin/sendmail"], "from": "a@b.se", "timeoutSeconds": 0}"#, "mail.timeoutSeconds"),
        ] {
            _ = try? FileManager.default.removeItem(at: fixture.data)
            _ = try fixture.create()
            let file = DataFolder(fixture.data).configFile
            guard case .object(var root) = try JSONValue.parse(Data(contentsOf: file)) else { throw ProblemList([]) }
            root["mail"] = try JSONValue.parse(Data(mail.utf8))
            try JSONValue.object(root).canonicalData().write(to: file)
            do {
                _ = try Studio.open(data: fixture.data)
                Issue.record("\(mail) was accepted")
            } catch {
                #expect(error.code == .invalidConfig && error.location == field, "\(mail): \(error)")
            }
        }
    }

    @Test("a long subject is split into encoded words of at most 75 characters, on character boundaries")
    func longSubject() {
        let subject = String(repeating: "Öppettiderna ändras i jul ", count: 6)
        let header = MailMessage.headerText(subject)
        let words = header.split(whereSeparator: { $0 == " " || $0 == "\n" })
        #expect(words.count > 3 && words.allSatisfy { $0.count <= 75 })
        let decoded = words.map {
            String(decoding: Data(base64Encoded: String($0.dropFirst(10).dropLast(2))) ?? Data(), as: UTF8.self)
        }
        #expect(decoded.joined() == subject)
        #expect(MailMessage.headerText("Plain ASCII") == "Plain ASCII")
    }
}
