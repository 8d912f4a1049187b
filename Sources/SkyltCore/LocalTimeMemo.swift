import FoundationEssentials
import Synchronization

/// Remembers the answers `LocalTime` gives: the planner asks for the same few
/// instants (a window's edges on one of a dozen days) thousands of times, and each ICU
/// search costs microseconds. A memo of pure functions, so answers never change; it is
/// cleared when it grows, so that a kiosk running for months keeps the same size.
final class LocalTimeMemo: Sendable {
    /// A local day (its first instant) and a number: days to add, or minutes into the day.
    struct Key: Hashable {
        var day: Double
        var number: Int
    }

    private struct Memo {
        var today: (start: Date, end: Date)?
        var addedDays: [Key: Date] = [:]
        var instants: [Key: Date] = [:]
        var weekdays: [Double: Weekday] = [:]
        var uniformDays: [Double: Bool] = [:]
    }

    private let memo = Mutex(Memo())
    private static let limit = 4096

    func startOfDay(_ date: Date, compute: (Date) -> Date) -> Date {
        memo.withLock { memo in
            if let today = memo.today, today.start <= date, date < today.end { return today.start }
            let start = compute(date)
            // A day is 23 to 25 hours long: 30 hours on is inside the next one.
            let end = compute(start.addingTimeInterval(30 * 3600))
            if start <= date, date < end { memo.today = (start, end) }
            return start
        }
    }

    func addingDays(_ days: Int, to day: Date, compute: () -> Date) -> Date {
        memo.withLock {
            Self.remember(Key(day: day.timeIntervalSinceReferenceDate, number: days), in: &$0.addedDays, compute)
        }
    }

    func instant(minutes: Int, on day: Date, compute: () -> Date) -> Date {
        memo.withLock {
            Self.remember(Key(day: day.timeIntervalSinceReferenceDate, number: minutes), in: &$0.instants, compute)
        }
    }

    func weekday(_ date: Date, compute: () -> Weekday) -> Weekday {
        memo.withLock { Self.remember(date.timeIntervalSinceReferenceDate, in: &$0.weekdays, compute) }
    }

    /// Whether the local day that starts at `day` is known to be uniform (24 hours at one
    /// offset); nil when not asked yet. Found outside the lock, since finding it asks the memo.
    func uniform(_ day: Date) -> Bool? {
        memo.withLock { $0.uniformDays[day.timeIntervalSinceReferenceDate] }
    }

    func remember(uniform: Bool, for day: Date) {
        memo.withLock { memo in
            if memo.uniformDays.count >= Self.limit { memo.uniformDays.removeAll(keepingCapacity: true) }
            memo.uniformDays[day.timeIntervalSinceReferenceDate] = uniform
        }
    }

    private static func remember<K: Hashable, V>(_ key: K, in memo: inout [K: V], _ compute: () -> V) -> V {
        if let known = memo[key] { return known }
        if memo.count >= limit { memo.removeAll(keepingCapacity: true) }
        let value = compute()
        memo[key] = value
        return value
    }
}
