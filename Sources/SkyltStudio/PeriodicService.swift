import Foundation
public import SkyltCore
import Synchronization

/// A thread that runs one round of work, sleeps as long as the round asks, and again, until
/// `stop()`: the automatic publisher and the mail sender under `skylt-studio serve`.
///
/// The sleep is the clock's, so `stop()` cuts it short and returns once the thread has ended
/// (a round already running is finished first: a publish is never cut in half).
public final class PeriodicService: Service, Sendable {
    private struct State {
        var started = false
        var stopping = false
    }

    public let name: String
    private let clock: any LoopClock
    /// One round; returns the seconds until the next.
    private let round: @Sendable () -> Double
    private let state = Mutex(State())
    private let exited = DispatchSemaphore(value: 0)

    public init(name: String, clock: any LoopClock, round: @escaping @Sendable () -> Double) {
        self.name = name
        self.clock = clock
        self.round = round
    }

    public func start() {
        let fresh = state.withLock { state in
            guard !state.started && !state.stopping else { return false }
            state.started = true
            return true
        }
        guard fresh else { return }
        let thread = Thread { [self] in
            while !state.withLock({ $0.stopping }) {
                let wait = max(round(), 0)
                if state.withLock({ $0.stopping }) { break }
                clock.sleep(until: clock.now + wait)
            }
            exited.signal()
        }
        thread.name = name
        thread.start()
    }

    public func stop() {
        let started = state.withLock { state in
            state.stopping = true
            return state.started
        }
        clock.wake()
        guard started else { return }
        exited.wait()
        exited.signal()
    }
}
