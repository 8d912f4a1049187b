@preconcurrency import Glibc

/// A mutex with a condition variable on the monotonic clock (what NSCondition was, without
/// Foundation): a loop sleeps on it until a deadline or a signal, and a change of the wall
/// clock never stretches or cuts the sleep.
public final class ThreadCondition: @unchecked Sendable {
    // Heap-allocated: pthread objects must not move, and a Swift stored property may.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    public func lock() { pthread_mutex_lock(mutex) }
    public func unlock() { pthread_mutex_unlock(mutex) }
    public func signal() { pthread_cond_signal(condition) }
    public func broadcast() { pthread_cond_broadcast(condition) }

    /// With the lock held: waits until signalled or until `deadline` in CLOCK_MONOTONIC
    /// seconds. False when the deadline passed. May wake spuriously, like any condition.
    @discardableResult
    public func wait(untilMonotonic deadline: Double) -> Bool {
        let whole = deadline.rounded(.down)
        var time = timespec(tv_sec: Int(whole), tv_nsec: Int((deadline - whole) * 1e9))
        return pthread_cond_timedwait(condition, mutex, &time) != ETIMEDOUT
    }

    /// With the lock held: waits until signalled.
    public func wait() { pthread_cond_wait(condition, mutex) }
}
