import Foundation
import SkyltCore
import SkyltKiosk
import SkyltTestSupport
import Testing

/// A last-seen time from a clock that once jumped forward does not distrust the clock for
/// good: once the steady clock is trusted again, the keeper writes the right time over it.
@Suite("Last seen recovers")
struct LastSeenRecoveryTests {
    @Test("a last-seen time years ahead is replaced once the steady clock is trusted again")
    func poisonedLastSeenIsReplaced() throws {
        let folder = TemporaryFolder()
        let clock = ManualClock()
        let jumped = clock.date.addingTimeInterval(4 * 365 * 86400)
        try LastSeen.write(jumped, to: folder.url)
        let trust = ClockTrust(
            buildTime: .distantPast, lastSeen: LastSeen.read(from: folder.url), newestPublication: nil,
            steadiness: ClockSteadiness(clock: clock))
        let keeper = LastSeenKeeper(folder: folder.url, trust: trust, logger: InMemoryLogHandler().logger, clock: clock)
        keeper.start()
        keeper.stop()
        #expect(LastSeen.read(from: folder.url) == jumped, "an untrusted clock is not written")
        clock.advance(by: ClockTrust.recoverySeconds + 1)
        keeper.start()
        keeper.stop()
        let written = try #require(LastSeen.read(from: folder.url))
        #expect(abs(written.timeIntervalSince(clock.date)) < 1)
        // The next start trusts the clock at once.
        let restarted = ClockTrust(buildTime: .distantPast, lastSeen: written, newestPublication: nil, steadiness: nil)
        #expect(restarted.trusts(clock.date))
    }
}
