import FoundationEssentials
import SkyltCore

/// RSS 2.0's dates (RFC 822, as RFC 1123 writes them): "Sat, 28 Nov 2026 09:30:00 +0100",
/// with the weekday optional, seconds optional, two-digit years and the old zone names,
/// read without the machine's time zone or locale.
enum RFC822Date {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
        "pst": -8, "pdt": -7, "cet": 1, "cest": 2,
    ]

    static func parse(_ text: String) -> Date? {
        var parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if let first = parts.first, first.hasSuffix(",") || Int(first) == nil { parts.removeFirst() }
        guard parts.count >= 4, let day = Int(parts[0]),
            let monthIndex = months.firstIndex(of: parts[1].prefix(3).lowercased()),
            var year = Int(parts[2])
        else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        let clock = parts[3].split(separator: ":").map { Int($0) }
        guard clock.count >= 2, clock.allSatisfy({ $0 != nil }) else { return nil }
        let offset = parts.count > 4 ? zoneOffset(parts[4]) : 0
        // Out-of-range fields would carry over (day 40 is next month) or overflow the calendar.
        guard let offset, (1970...9999).contains(year), (1...31).contains(day), (0...23).contains(clock[0]!),
            (0...59).contains(clock[1]!), clock.count == 2 || (0...60).contains(clock[2]!)
        else { return nil }
        var components = DateComponents()
        components.year = year
        components.month = monthIndex + 1
        components.day = day
        components.hour = clock[0]
        components.minute = clock[1]
        components.second = clock.count > 2 ? clock[2] : 0
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(secondsFromGMT: 0) else { return nil }
        calendar.timeZone = utc
        return calendar.date(from: components)?.addingTimeInterval(-Double(offset))
    }

    /// "+0100", "-0500" or a name, in seconds east of UTC.
    private static func zoneOffset(_ text: String) -> Int? {
        if let first = text.first, first == "+" || first == "-", text.count == 5,
            text.dropFirst().allSatisfy(\.isASCII), let value = Int(text.dropFirst()), value % 100 < 60
        {
            let seconds = (value / 100) * 3600 + (value % 100) * 60
            return first == "-" ? -seconds : seconds
        }
        return zones[text.lowercased()].map { $0 * 3600 }
    }
}
