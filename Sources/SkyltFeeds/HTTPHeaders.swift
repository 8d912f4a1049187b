public import FoundationEssentials
import SkyltCore

/// What a server's caching and rate-limit headers ask of a client, read the one way the
/// fetcher honours them.
public enum HTTPHeaders {
    /// The longest a document is taken as fresh without asking, whatever the server says: a
    /// misconfigured `max-age` of a year must not freeze a channel.
    public static let maxFreshSeconds = 86_400.0
    /// How long to wait after a 429 that does not say (`Retry-After` missing or unreadable).
    public static let defaultRetrySeconds = 60.0
    /// The longest wait a `Retry-After` can impose, so a wrong header cannot silence a source.
    public static let maxRetrySeconds = 86_400.0

    /// Until when the response may be used without a request: `Cache-Control: max-age`
    /// first, then `Expires`; nil when it must be asked again each time (`no-cache`,
    /// `no-store`, nothing said, or a time already past).
    public static func freshUntil(_ headers: [String: String], now: Date) -> Date? {
        if let control = headers["cache-control"]?.lowercased() {
            let directives = control.split(separator: ",").map { String($0).trimmed }
            if directives.contains(where: { $0 == "no-cache" || $0 == "no-store" }) { return nil }
            if let maxAge = directives.first(where: { $0.hasPrefix("max-age=") }) {
                guard let seconds = Double(maxAge.dropFirst("max-age=".count)), seconds > 0 else { return nil }
                return now.addingTimeInterval(min(seconds, maxFreshSeconds))
            }
        }
        guard let expires = headers["expires"].flatMap(date), expires > now else { return nil }
        return min(expires, now.addingTimeInterval(maxFreshSeconds))
    }

    /// When a 429 or 503 allows the next request: `Retry-After` in seconds or as an HTTP
    /// date, capped; nil when the header is missing or unreadable.
    public static func retryAfter(_ headers: [String: String], now: Date) -> Date? {
        guard let value = headers["retry-after"]?.trimmed else { return nil }
        if let seconds = Double(value), seconds >= 0 {
            return now.addingTimeInterval(min(seconds, maxRetrySeconds))
        }
        guard let until = date(value) else { return nil }
        return min(max(until, now), now.addingTimeInterval(maxRetrySeconds))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// An HTTP date in its preferred form, "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110); nil
    /// for anything else, which servers have not sent in years.
    public static func date(_ text: String) -> Date? {
        let words = text.split(separator: " ")
        guard words.count == 6, words[5] == "GMT", let day = Int(words[1]), let year = Int(words[3]),
            let month = months.firstIndex(of: words[2].lowercased())
        else { return nil }
        let clock = words[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (1...31).contains(day), (1970...9999).contains(year), (0...23).contains(clock[0]),
            (0...59).contains(clock[1]), (0...60).contains(clock[2])
        else { return nil }
        let civil = CivilTime(
            year: year, month: month + 1, day: day, hour: clock[0], minute: clock[1], second: clock[2])
        return Zone.gmt.date(civil)
    }
}
