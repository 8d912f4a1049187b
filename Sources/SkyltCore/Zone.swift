internal import CICUShim
public import FoundationEssentials
import Synchronization

/// A named time zone of the tz database ("Europe/Stockholm"), or a fixed offset ("GMT+01:00"),
/// with its rules from Debian's ICU. FoundationEssentials' `TimeZone` knows only GMT and fixed
/// offsets, and the full Foundation would link 40 MB of ICU data into the kiosk; the system's
/// libicu is already on every Debian machine.
///
/// Two zones are equal when their identifiers are: the rules behind one identifier are one.
public struct Zone: Sendable, Hashable, CustomStringConvertible {
    /// The identifier as it was given ("Europe/Stockholm"), which is what configs and status
    /// files show.
    public let identifier: String
    private let rules: ZoneRules

    /// The zone named `identifier`, or nil when ICU knows none by that name. "Etc/Unknown" is
    /// ICU's name for a zone it could not find, which behaves as GMT: refused like a misspelling.
    public init?(identifier: String) {
        guard !identifier.isEmpty, identifier != "Etc/Unknown", ICUText.canonicalZone(identifier) != nil,
            let rules = ZoneRules(identifier: identifier)
        else { return nil }
        self.identifier = identifier
        self.rules = rules
    }

    /// Stockholm's zone: the default where a playlist or config names none, as the shops
    /// Skylt serves are in Sweden.
    public static let stockholm = Zone(identifier: "Europe/Stockholm")!

    /// The zone the system runs in (TZ, or /etc/localtime); GMT when it cannot be told.
    public static var current: Zone {
        ICUText.defaultZone().flatMap(Zone.init(identifier:)) ?? gmt
    }

    /// Greenwich Mean Time, with no daylight saving: the zone of tests that want none.
    public static let gmt = Zone(identifier: "GMT")!

    public var description: String { identifier }

    public static func == (a: Zone, b: Zone) -> Bool { a.identifier == b.identifier }

    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }

    /// Seconds ahead of UTC at `date`: 3600 in a Stockholm winter, 7200 in its summer.
    public func secondsFromGMT(for date: Date) -> Int {
        rules.offsetSeconds(at: date.timeIntervalSince1970)
    }

    /// The fixed-offset `TimeZone` in force at `date`, for FoundationEssentials' formatters
    /// (ISO 8601), which cannot hold a named zone.
    public func fixedTimeZone(at date: Date) -> TimeZone {
        TimeZone(secondsFromGMT: secondsFromGMT(for: date)) ?? .gmt
    }

    /// The wall-clock reading of `date` in this zone.
    public func civil(_ date: Date) -> CivilTime {
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(secondsFromGMT(for: date))
        return CivilTime(secondsSince1970: local)
    }

    /// The instant at which clocks in this zone read `civil`. A reading skipped by a
    /// daylight-saving change (02:30 on the last Sunday of March in Stockholm) gives the first
    /// instant after the gap (03:00); a reading that occurs twice (in October) its first
    /// occurrence, in summer time.
    public func date(_ civil: CivilTime) -> Date {
        let local = civil.secondsSince1970
        // Real zones change their offset at most once in two days, so the offsets a day before
        // and a day after are the only ones the reading can be in.
        let before = rules.offsetSeconds(at: Double(local - 86_400))
        let after = rules.offsetSeconds(at: Double(local + 86_400))
        var matches: [Int64] = []
        for offset in Set([before, after]) {
            let candidate = local - Int64(offset)
            if rules.offsetSeconds(at: Double(candidate)) == offset { matches.append(candidate) }
        }
        if let first = matches.min() { return Date(timeIntervalSince1970: Double(first)) }
        // In a gap: the change itself, found between the two readings of the local time.
        var low = local - Int64(max(before, after))
        var high = local - Int64(min(before, after))
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if rules.offsetSeconds(at: Double(middle)) == before { low = middle } else { high = middle }
        }
        return Date(timeIntervalSince1970: Double(high))
    }

    /// The first instant of the local day `date` falls on (midnight, or the end of a gap that
    /// swallows midnight).
    public func startOfDay(_ date: Date) -> Date {
        self.date(civil(date).startOfDay)
    }

    /// The same wall-clock time `days` local days later (earlier when negative): across a
    /// daylight-saving change that is 23 or 25 hours for a day, not 24.
    public func addingDays(_ days: Int, to date: Date) -> Date {
        var reading = civil(date)
        reading.day += days
        return self.date(reading)
    }

    /// Whether `a` and `b` fall on the same local day.
    public func isSameDay(_ a: Date, _ b: Date) -> Bool {
        let (x, y) = (civil(a), civil(b))
        return x.year == y.year && x.month == y.month && x.day == y.day
    }
}

/// The offsets of one zone, through an ICU calendar opened once. ICU calendars are not safe to
/// share between threads, so each use holds the lock.
final class ZoneRules: Sendable {
    private let calendar: Mutex<UnsafeMutableRawPointer>

    init?(identifier: String) {
        let units = Array(identifier.utf16)
        guard let opened = skylt_icu_calendar_open(units, Int32(units.count)) else { return nil }
        calendar = Mutex(opened)
    }

    deinit {
        calendar.withLock { skylt_icu_calendar_close($0) }
    }

    /// The offset from UTC, in whole seconds, at `seconds` since 1970.
    func offsetSeconds(at seconds: Double) -> Int {
        var millis: Int32 = 0
        let status = calendar.withLock { skylt_icu_offset($0, seconds * 1000, &millis) }
        return status == 0 ? Int(millis / 1000) : 0
    }
}
