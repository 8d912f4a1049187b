public import FoundationEssentials
import SkyltBundle
import SkyltCore

/// The time evidence a sync has: the channel server's `Date` header, which a kiosk whose
/// clock booted in 1970 needs as much as a kiosk whose clock is right.
public enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the only form HTTP/1.1 servers send;
    /// nil for anything else.
    public static func parse(_ text: String) -> Date? {
        let words = text.split(separator: " ")
        guard words.count == 6, words[5] == "GMT", let day = Int(words[1]), let year = Int(words[3]),
            let month = months.firstIndex(of: String(words[2])).map({ $0 + 1 })
        else { return nil }
        let time = words[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, (1...31).contains(day), (1970...9999).contains(year), time[0] < 24, time[1] < 60,
            time[2] < 61
        else { return nil }
        let seconds =
            daysSinceEpoch(year: year, month: month, day: day) * 86400 + time[0] * 3600 + time[1] * 60 + time[2]
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }
}

extension ChannelSync {
    /// Refuses a new manifest published more than `ClockTrust.publicationLeadSeconds` after
    /// the server's `Date` (or, from a server that sends none, the kiosk's clock): taken as
    /// the time of the content the kiosk holds, a publication in 2099 would make it distrust
    /// a right clock. The cache keeps the last good version.
    func checkPublication(_ manifest: Manifest, serverDate: String?, now: Date) throws(SyncError) {
        let reference = serverDate.flatMap(HTTPDate.parse) ?? now
        guard manifest.published.timeIntervalSince(reference) > ClockTrust.publicationLeadSeconds else { return }
        throw fail(.publishedAhead(published: manifest.published, reference: reference), shownURL)
    }
}
