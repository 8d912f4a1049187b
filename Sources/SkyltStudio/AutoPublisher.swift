public import Foundation
public import SkyltCore
import Synchronization

/// Publishes channels on its own when a slide's validity starts or ends, so that nobody must
/// remember to: a slide approved for next week goes out when its week begins, and one that
/// expired leaves the bundle and is archived.
///
/// Each round opens the studio afresh (as every request does), looks at every channel, and
/// says when the next round is due: at the next boundary, but at most `maxWaitSeconds` on,
/// so that a change of the wall clock, or a slide approved meanwhile, is noticed. A failed
/// publish is logged, never fatal, and tried again after a growing pause.
public final class AutoPublisher: Sendable {
    /// The longest sleep between rounds.
    public static let maxWaitSeconds = 60.0
    /// The pause after a channel's first failure; it doubles with each further one.
    public static let firstRetrySeconds = 60.0
    public static let maxRetrySeconds = 3600.0
    /// How soon a channel is looked at again when another publish held the lock.
    static let busyRetrySeconds = 5.0

    /// What one round did, and when the next is due.
    public struct Round: Sendable {
        public var publications: [AutoPublication]
        /// Channels whose publish failed in this round, with the error.
        public var failures: [String: StudioError]
        public var nextCheck: Date
    }

    private struct Retry {
        var failures: Int
        var at: Date
    }

    private let data: URL
    private let clock: any LoopClock
    private let logger: Logger
    private let retries = Mutex<[String: Retry]>([:])

    public init(data: URL, clock: any LoopClock, logger: Logger = .standard) {
        self.data = data
        self.clock = clock
        self.logger = logger
    }

    /// The thread `serve` runs: a round, then a sleep until the next is due.
    public func service() -> PeriodicService {
        PeriodicService(name: "automatic publisher", clock: clock) { [self] in
            max(runOnce().nextCheck.timeIntervalSince(clock.date), 1)
        }
    }

    /// Looks at every channel once and publishes those due.
    public func runOnce() -> Round {
        let now = clock.date
        var round = Round(publications: [], failures: [:], nextCheck: now.addingTimeInterval(Self.maxWaitSeconds))
        let studio: Studio
        let names: [String]
        do throws(StudioError) {
            studio = try Studio.open(data: data, actor: Studio.automaticActor)
            names = try studio.channelNames()
        } catch {
            logger.error("automatic publishing: cannot open the studio: \(error)")
            return round
        }
        studio.currentDate = { [clock] in clock.date }
        for name in names {
            if let retry = retries.withLock({ $0[name] }), retry.at > now {
                round.nextCheck = min(round.nextCheck, retry.at)
                continue
            }
            check(name, in: studio, now: now, round: &round)
        }
        return round
    }

    private func check(_ name: String, in studio: Studio, now: Date, round: inout Round) {
        do throws(StudioError) {
            if let publication = try studio.publishAtValidityBoundaries(channel: name) {
                round.publications.append(publication)
                log(publication)
            }
            retries.withLock { $0[name] = nil }
            if let next = ValidityBoundaries.next(after: now, in: try studio.slideValidities(channel: name)) {
                round.nextCheck = min(round.nextCheck, next.date)
            }
        } catch {
            if case .publishBusy = error.code {
                round.nextCheck = min(round.nextCheck, now.addingTimeInterval(Self.busyRetrySeconds))
                return
            }
            let retry = retries.withLock { retries in
                let failures = (retries[name]?.failures ?? 0) + 1
                let pause = min(Self.firstRetrySeconds * pow(2, Double(failures - 1)), Self.maxRetrySeconds)
                let retry = Retry(failures: failures, at: now.addingTimeInterval(pause))
                retries[name] = retry
                return retry
            }
            round.failures[name] = error
            round.nextCheck = min(round.nextCheck, retry.at)
            var words = "\(error)"
            if case .playlistProblems(let problems) = error.code {
                words += ": " + problems.map { "\($0)" }.joined(separator: "; ")
            }
            logger.error(
                "automatic publish of \(name) failed (\(retry.failures) in a row; next try at "
                    + "\(ISO8601.format(retry.at))): \(words)")
        }
    }

    private func log(_ publication: AutoPublication) {
        logger.notice(
            "published \(publication.channel) version \(publication.version) automatically: "
                + publication.reasons.joined(separator: "; "))
        if let result = publication.afterPublish, !result.succeeded {
            logger.warning(
                "after-publish command of \(publication.channel) version \(publication.version): \(result.outcome)")
        }
    }
}
