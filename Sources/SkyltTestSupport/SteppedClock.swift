public import Foundation
public import SkyltCore
import Synchronization

/// A clock that stands still until the test moves it: a loop's sleep blocks until `advance`
/// reaches its deadline or `wake()` ends it. The test can wait until the loop is asleep, so
/// "advance the clock, then the loop runs once" needs no waiting on the wall clock.
public final class SteppedClock: LoopClock, Sendable {
    private struct State {
        var now = 0.0
        var woken = false
        var asleep = false
        var sleeps = 0
        var wakes = 0
        var deadline: Double?
    }

    /// Signals every change of `state`; `state` changes only while it is held.
    private let condition = NSCondition()
    private let state = Mutex(State())
    private let origin: Date

    public init(start: Date = Date(timeIntervalSince1970: 1_798_000_000)) { origin = start }

    public var now: Double { state.withLock { $0.now } }
    public var date: Date { origin.addingTimeInterval(now) }
    /// How many sleeps the loop has begun.
    public var sleeps: Int { state.withLock { $0.sleeps } }
    /// The deadline of the sleep in progress; nil when the loop is awake.
    public var deadline: Double? { state.withLock { $0.deadline } }
    /// How many times `wake()` was called.
    public var wakes: Int { state.withLock { $0.wakes } }

    public func sleep(until deadline: Double) {
        change { state in
            state.sleeps += 1
            state.asleep = true
            state.deadline = deadline
        }
        condition.lock()
        while !state.withLock({ $0.woken || $0.now >= deadline }) { condition.wait() }
        condition.unlock()
        change { state in
            state.asleep = false
            state.woken = false
            state.deadline = nil
        }
    }

    public func wake() {
        change { state in
            state.woken = true
            state.wakes += 1
        }
    }

    /// Moves time forward, ending the sleeps whose deadline it reaches.
    public func advance(by seconds: Double) { change { $0.now += seconds } }

    /// Waits until the loop has begun its `count`th sleep and is in it; false after
    /// `timeoutSeconds` of wall time, which only guards against a hang.
    public func waitUntilAsleep(sleeps count: Int, timeoutSeconds: Double = 30) -> Bool {
        let limit = Date(timeIntervalSinceNow: timeoutSeconds)
        condition.lock()
        defer { condition.unlock() }
        while !state.withLock({ $0.sleeps >= count && $0.asleep }) {
            if !condition.wait(until: limit) { return state.withLock { $0.sleeps >= count && $0.asleep } }
        }
        return true
    }

    private func change(_ body: (inout State) -> Void) {
        condition.lock()
        state.withLock { body(&$0) }
        condition.broadcast()
        condition.unlock()
    }
}
