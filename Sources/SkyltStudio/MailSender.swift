public import Foundation
public import SkyltCore
import SkyltStore
import Synchronization

/// Sends the outbox through the `sendmail`-compatible program of studio.json's `mail`: one
/// program run per mail, the message on its standard input, bounded in time and output.
///
/// A mail is sent when the program exits 0. Otherwise its attempts are counted with the
/// program's words in `last_error`, and it is tried again after a growing pause, until
/// `maxAttempts` (then it is given up, and the log says so). A mail that cannot be written
/// (a line break in its subject, a recipient that is not one address) is refused at once.
/// Without `mail` in studio.json, waiting mail is marked skipped. Either way `sent_at` stays
/// NULL and `last_error` says why.
public final class MailSender: Sendable {
    public static let maxAttempts = 10
    /// Mails taken per round.
    public static let batchSize = 20
    /// `last_error` keeps at most this many characters of what the program said.
    public static let maxErrorCharacters = 1000
    /// The pause after a mail's first failure; it doubles with each further one.
    public static let firstRetrySeconds = 30.0
    public static let maxRetrySeconds = 3600.0
    /// How often the outbox is looked at when it holds nothing to send now.
    public static let idleSeconds = 5.0
    static let skippedNote = "skipped: studio.json has no mail command"

    /// What one round did, and when the next is due.
    public struct Round: Sendable, Equatable {
        public var sent = 0
        public var failed = 0
        /// Refused (cannot be written) or skipped (no mail command): never to be sent.
        public var dropped = 0
        public var nextCheck: Date
    }

    private let data: URL
    private let clock: any LoopClock
    private let logger: Logger
    /// When each mail that failed may be tried again, by outbox id.
    private let retryAt = Mutex<[Int64: Date]>([:])

    public init(data: URL, clock: any LoopClock, logger: Logger = .standard) {
        self.data = data
        self.clock = clock
        self.logger = logger
    }

    /// The thread `serve` runs.
    public func service() -> PeriodicService {
        PeriodicService(name: "mail sender", clock: clock) { [self] in
            max(runOnce().nextCheck.timeIntervalSince(clock.date), 0.5)
        }
    }

    /// Sends (or skips) what the outbox holds now.
    public func runOnce() -> Round {
        let now = clock.date
        var round = Round(nextCheck: now.addingTimeInterval(Self.idleSeconds))
        do throws(StudioError) {
            let studio = try Studio.open(data: data, actor: "studio (mail)")
            let waiting = retryAt.withLock { $0 }
            let mails = try Outbox(studio: studio).unsentMail(limit: Self.batchSize + waiting.count)
            var taken = 0
            for mail in mails where taken < Self.batchSize {
                if let at = waiting[mail.id], at > now {
                    round.nextCheck = min(round.nextCheck, at)
                    continue
                }
                taken += 1
                try handle(mail, in: studio, now: now, round: &round)
            }
            if taken == Self.batchSize { round.nextCheck = now }
        } catch {
            logger.error("mail: cannot read the outbox: \(error)")
        }
        return round
    }

    private func handle(_ mail: OutboxMail, in studio: Studio, now: Date, round: inout Round) throws(StudioError) {
        guard let settings = studio.config.mail else {
            try studio.giveUp(mail, note: Self.skippedNote)
            round.dropped += 1
            logger.info("mail \(mail.id) to \(mail.recipient) skipped: studio.json has no mail command")
            return
        }
        let message: Data
        do throws(MailError) {
            message = try mail.message(from: settings.from, date: now).encoded()
        } catch {
            try studio.giveUp(mail, note: "refused: \(error)")
            round.dropped += 1
            logger.error("mail \(mail.id) refused, never sent: \(error)")
            return
        }
        let result = try studio.runMailCommand(settings, message: message)
        if result.succeeded {
            try Outbox(studio: studio).markSent(mail.id, at: now)
            retryAt.withLock { $0[mail.id] = nil }
            round.sent += 1
            return
        }
        round.failed += 1
        let error = String("\(result.outcome): \(result.output)".prefix(Self.maxErrorCharacters))
        let attempts = try Outbox(studio: studio).markFailed(mail.id, error: error)
        guard attempts < Self.maxAttempts else {
            retryAt.withLock { $0[mail.id] = nil }
            logger.error("mail \(mail.id) to \(mail.recipient) given up after \(attempts) attempts: \(error)")
            return
        }
        let pause = min(Self.firstRetrySeconds * pow(2, Double(attempts - 1)), Self.maxRetrySeconds)
        let at = now.addingTimeInterval(pause)
        retryAt.withLock { $0[mail.id] = at }
        round.nextCheck = min(round.nextCheck, at)
        logger.warning(
            "mail \(mail.id) to \(mail.recipient) failed (attempt \(attempts)), next try in \(Int(pause)) s: \(error)")
    }
}
