/// A wall-clock reading in the Gregorian calendar: what a clock on the wall and a calendar
/// beside it show, without saying where. `Zone` turns it into an instant and back.
///
/// Fields out of range carry over as on paper: day 32 of January is 1 February, hour 24 the
/// next day's midnight, so that adding days or hours is adding to a field.
public struct CivilTime: Sendable, Hashable, CustomStringConvertible {
    public var year, month, day, hour, minute, second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The reading `seconds` after 1970-01-01 00:00:00 on the same wall clock.
    init(secondsSince1970 seconds: Int64) {
        let days = seconds.floorDivided(by: 86_400)
        let inDay = Int(seconds - days * 86_400)
        let (year, month, day) = Self.civil(fromDays: days)
        self.init(year: year, month: month, day: day, hour: inDay / 3600, minute: inDay / 60 % 60, second: inDay % 60)
    }

    /// Seconds after 1970-01-01 00:00:00 on the same wall clock (as if in UTC).
    var secondsSince1970: Int64 {
        let monthsFromZero = Int64(year) * 12 + Int64(month - 1)
        let days = Self.days(
            year: monthsFromZero.floorDivided(by: 12),
            month: monthsFromZero - monthsFromZero.floorDivided(by: 12) * 12 + 1,
            day: Int64(day))
        return days * 86_400 + Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)
    }

    /// The same reading with fields out of range carried over (day 32 of January: 1 February).
    public var normalized: CivilTime { CivilTime(secondsSince1970: secondsSince1970) }

    /// Midnight at the start of this reading's day.
    public var startOfDay: CivilTime { CivilTime(year: year, month: month, day: day).normalized }

    /// The day of the week of this reading's day.
    public var weekday: Weekday {
        let days = secondsSince1970.floorDivided(by: 86_400)
        // 1970-01-01 was a Thursday.
        let fromMonday = Int((days + 3) - (days + 3).floorDivided(by: 7) * 7)
        return Weekday.allCases[fromMonday]
    }

    /// The day as ISO 8601 writes it: "2026-03-29".
    public var isoDate: String { "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))" }

    /// "2026-03-29 02:30:00".
    public var description: String {
        "\(isoDate) \(Self.padded(hour, 2)):\(Self.padded(minute, 2)):\(Self.padded(second, 2))"
    }

    /// `value` with leading zeros to `width` digits.
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant's civil_from_days).
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }
}

extension Int64 {
    /// Division rounding towards minus infinity, so that times before 1970 fall on their day.
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
