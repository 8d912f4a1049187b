public import FoundationEssentials
@preconcurrency import Glibc
import Synchronization

/// Time for a long-running loop (the play loop, the sync loop): a monotonic clock for
/// deadlines, the wall clock for what people read, and a sleep that another thread can cut
/// short. Injected, so tests drive time by hand and never wait on the wall clock.
public protocol LoopClock: AnyObject, Sendable {
    /// Monotonic seconds; only differences mean anything.
    var now: Double { get }
    /// The wall-clock time.
    var date: Date { get }
    /// Sleeps until `deadline` (monotonic seconds) or until `wake()`.
    func sleep(until deadline: Double)
    /// Ends the current or next sleep early. Safe from any thread.
    func wake()
}

/// The real clock. Sleeps on a condition variable, so a sleeping loop uses no CPU and wakes
/// at once when there is work or a request to stop. Give each loop its own: a wake is meant
/// for the one loop that sleeps on it.
public final class SystemClock: LoopClock, Sendable {
    private let condition = ThreadCondition()
    /// Set by `wake()`, cleared by the sleep it ends; changed only while `condition` is held,
    /// so a wake between a loop's last check and its sleep is never lost.
    private let woken = Atomic<Bool>(false)

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
        while !woken.load(ordering: .relaxed) {
            let remaining = deadline - now
            if remaining <= 0 { break }
            condition.wait(untilMonotonic: deadline)
        }
        woken.store(false, ordering: .relaxed)
    }

    public func wake() {
        condition.lock()
        woken.store(true, ordering: .relaxed)
        condition.signal()
        condition.unlock()
    }
}
