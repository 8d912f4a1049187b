public import Foundation

/// Time for the play loop: a monotonic clock for deadlines, the wall clock for schedules, and
/// a sleep that another thread can cut short. Tests inject a manual clock that never sleeps.
public protocol PlayClock: AnyObject, Sendable {
    /// Monotonic seconds; only differences mean anything.
    var now: Double { get }
    /// The wall-clock time.
    var date: Date { get }
    /// Sleeps until `deadline` (monotonic seconds) or until `wake()`.
    func sleep(until deadline: Double)
    /// Ends the current or next sleep early. Safe from any thread.
    func wake()
}

/// The real clock. Sleeps on a condition variable, so a sleeping player uses no CPU and wakes
/// at once when content arrives or a signal asks it to stop.
public final class SystemClock: PlayClock, @unchecked Sendable {
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var woken = false

    public init() {}

    public var now: Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    public var date: Date { Date() }

    public func sleep(until deadline: Double) {
        condition.lock()
        defer { condition.unlock() }
        while !woken {
            let remaining = deadline - now
            if remaining <= 0 { break }
            _ = condition.wait(until: Date(timeIntervalSinceNow: remaining))
        }
        woken = false
    }

    public func wake() {
        condition.lock()
        woken = true
        condition.signal()
        condition.unlock()
    }
}
