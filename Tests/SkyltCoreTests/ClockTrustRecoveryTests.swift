import Foundation
import SkyltCore
import Synchronization
import Testing

/// Clock trust recovers: a floor set by a last-seen time far ahead of a steady clock lapses
/// after `ClockTrust.recoverySeconds`; the build time and an accepted publication never do
/// (a sync refuses a publication far ahead of the server's time, so one it took is evidence).
@Suite("Clock trust recovers")
struct ClockTrustRecoveryTests {
    /// A clock whose wall time can jump while monotonic time runs on.
    final class JumpingClock: LoopClock, Sendable {
        private let state = Mutex((monotonic: 0.0, wall: Date(timeIntervalSince1970: 1_798_000_000)))
        var now: Double { state.withLock { $0.monotonic } }
        var date: Date { state.withLock { $0.wall } }
        func sleep(until deadline: Double) {}
        func wake() {}
        /// Both clocks move on together: time passes.
        func advance(by seconds: Double) {
            state.withLock {
                $0.monotonic += seconds
                $0.wall += seconds
            }
        }
        /// Only the wall clock moves: someone sets it.
        func jump(by seconds: Double) { state.withLock { $0.wall += seconds } }
    }

    static let build = Date(timeIntervalSince1970: 1_790_000_000)
    static let year = 365 * 86400.0

    @Test("a steady clock behind an accepted publication stays untrusted: a wrong clock may run steadily too")
    func publicationHolds() {
        let clock = JumpingClock()
        let trust = ClockTrust(
            buildTime: Self.build, lastSeen: clock.date.addingTimeInterval(Self.year),
            newestPublication: clock.date.addingTimeInterval(30 * 86400), steadiness: ClockSteadiness(clock: clock))
        clock.advance(by: 10 * ClockTrust.recoverySeconds)
        #expect(!trust.trusts(clock.date))
        clock.advance(by: 30 * 86400)
        #expect(trust.trusts(clock.date), "past the publication, the last-seen floor has lapsed")
    }

    @Test("a last-seen time written after a forward jump lapses; a jump on the way starts the count again")
    func lastSeenAfterJumpLapses() {
        let clock = JumpingClock()
        let trust = ClockTrust(
            buildTime: Self.build, lastSeen: clock.date.addingTimeInterval(4 * Self.year),
            newestPublication: nil, steadiness: ClockSteadiness(clock: clock))
        #expect(!trust.trusts(clock.date))
        clock.advance(by: ClockTrust.recoverySeconds / 2)
        #expect(!trust.trusts(clock.date))
        clock.jump(by: -3600)
        #expect(!trust.trusts(clock.date))
        clock.advance(by: ClockTrust.recoverySeconds - 60)
        #expect(!trust.trusts(clock.date), "the jump an hour back restarted the count")
        clock.advance(by: 120)
        #expect(trust.trusts(clock.date))
    }

    @Test("a clock earlier than the build time is never trusted, however steady")
    func buildTimeHolds() {
        let clock = JumpingClock()
        let trust = ClockTrust(
            buildTime: clock.date.addingTimeInterval(Self.year), lastSeen: nil, newestPublication: nil,
            steadiness: ClockSteadiness(clock: clock))
        clock.advance(by: 10 * ClockTrust.recoverySeconds)
        #expect(!trust.trusts(clock.date))
        #expect(trust.reason == "the build time")
    }

    @Test("without a steadiness watch, the floors hold as before")
    func withoutWatch() {
        let now = Date()
        let trust = ClockTrust(
            buildTime: Self.build, lastSeen: nil, newestPublication: now.addingTimeInterval(Self.year), steadiness: nil)
        #expect(!trust.trusts(now))
        #expect(trust.trusts(now.addingTimeInterval(Self.year)))
    }
}
