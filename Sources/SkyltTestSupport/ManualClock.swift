public import Foundation
public import SkyltCore
import Synchronization

/// A clock for tests: sleeping moves time forward at once, so a day of playback runs in
/// milliseconds and every deadline is exact.
public final class ManualClock: LoopClock, Sendable {
    private let state: Mutex<(now: Double, sleeps: Int)>
    private let origin: Date

    public init(start: Date = Date(timeIntervalSince1970: 1_798_000_000)) {
        state = Mutex((0, 0))
        origin = start
    }

    public var now: Double { state.withLock { $0.now } }
    public var date: Date { origin.addingTimeInterval(now) }
    /// How many times the loop went to sleep.
    public var sleeps: Int { state.withLock { $0.sleeps } }

    public func sleep(until deadline: Double) {
        state.withLock {
            $0.now = max($0.now, deadline)
            $0.sleeps += 1
        }
    }

    public func wake() {}

    public func advance(by seconds: Double) { state.withLock { $0.now += seconds } }
}
