public import Foundation
public import SkyltCore
import Synchronization

/// Time shared by several loops that each sleep on their own clock (the play loop, the sync
/// service, whatever drives a simulation): it stands still while any of them is awake and
/// jumps to the earliest deadline once all of them sleep. A month of playback then runs as
/// fast as the work in it, the order of events is the same on a slow machine as on a fast
/// one, and no loop wakes later than its deadline because another one was busy.
public final class SimulatedTime: Sendable {
    private struct Sleeper {
        var asleep = false
        var woken = false
        var active = true
        var deadline = 0.0
        /// Asleep until a deadline, with no wake pending: nothing it does can come first.
        var idle: Bool { active && asleep && !woken }
    }

    private struct State {
        var now = 0.0
        var sleepers: [Sleeper] = []
        var jumps = 0
    }

    /// Signals every change of `state`; `state` changes only while it is held.
    private let condition = NSCondition()
    private let state = Mutex(State())
    public let origin: Date

    public init(start: Date) { origin = start }

    /// Simulated seconds since `origin`.
    public var now: Double { state.withLock { $0.now } }
    public var date: Date { origin.addingTimeInterval(now) }
    /// How many times time moved forward.
    public var jumps: Int { state.withLock { $0.jumps } }

    /// A clock for one more loop. It counts as awake (time stands still) until its first
    /// sleep, so join before the loop starts, and `leave()` once it has ended.
    public func join() -> Clock {
        let index = change { state -> Int in
            state.sleepers.append(Sleeper())
            return state.sleepers.count - 1
        }
        return Clock(time: self, index: index)
    }

    /// One loop's view of the shared time: its own sleep and its own wake, as `LoopClock` asks.
    public final class Clock: LoopClock, Sendable {
        let time: SimulatedTime
        let index: Int

        init(time: SimulatedTime, index: Int) {
            self.time = time
            self.index = index
        }

        public var now: Double { time.now }
        public var date: Date { time.date }
        public func sleep(until deadline: Double) { time.sleep(index, until: deadline) }
        public func wake() { time.change { $0.sleepers[index].woken = true } }
        /// The loop has ended: time no longer waits for it.
        public func leave() { time.change { $0.sleepers[index].active = false } }
    }

    func sleep(_ index: Int, until deadline: Double) {
        condition.lock()
        defer { condition.unlock() }
        state.withLock { state in
            state.sleepers[index].asleep = true
            state.sleepers[index].deadline = deadline
        }
        while true {
            // Awake again in the same step that finds it may wake: no other sleeper may see
            // it idle in between and move time past what it is about to do.
            let ready = state.withLock { state in
                guard Self.step(&state, index: index, until: deadline) else { return false }
                state.sleepers[index].asleep = false
                state.sleepers[index].woken = false
                return true
            }
            // Time may have moved: other sleepers look again.
            condition.broadcast()
            if ready { return }
            condition.wait()
        }
    }

    /// True when sleeper `index` may wake; moves time to the earliest deadline first when
    /// every loop is idle.
    private static func step(_ state: inout State, index: Int, until deadline: Double) -> Bool {
        if state.sleepers[index].woken || state.now >= deadline { return true }
        guard state.sleepers.allSatisfy({ !$0.active || $0.idle }),
            let earliest = state.sleepers.filter(\.idle).map(\.deadline).min()
        else { return false }
        if earliest > state.now {
            state.now = earliest
            state.jumps += 1
        }
        return state.now >= deadline
    }

    /// Changes `state` and wakes every waiter to look at it.
    @discardableResult
    private func change<T>(_ body: (inout State) -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        let result = state.withLock { body(&$0) }
        condition.broadcast()
        return result
    }
}
