import FoundationEssentials
import SkyltCore

/// Fields that several kinds of source entry share, read and checked alike.
enum EntryFields {
    /// A required link with one of `schemes` and a host; reported when wrong.
    static func link(_ entry: ObjectReader, _ key: String = "url", schemes: Set<String> = ["http", "https"]) -> URL? {
        guard let text = entry.string(key, required: true, limit: .singleLine) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), schemes.contains(scheme),
            url.host?.isEmpty == false
        else {
            let names = schemes.sorted().joined(separator: " or ")
            entry.sink.report(entry.fieldPath(key), "'\(text)' is not a \(names) link")
            return nil
        }
        return url
    }

    /// An optional `url` that is the base of a service's API: `fallback` when absent, the
    /// entry's text when it is an http or https link, nil (reported) when it is not, so that a
    /// mistyped base fails when the config is read rather than as a 404 every round.
    static func base(_ entry: ObjectReader, fallback: String) -> String? {
        guard entry.has("url") else { return fallback }
        return link(entry).flatMap { _ in entry.string("url", limit: .singleLine) }
    }

    /// A text given as one string or as {language: text}, checked against `limit` and kept as
    /// the JSON a slide carries; `.null` when absent, nil when wrong.
    static func localized(_ entry: ObjectReader, _ key: String, settings: SourceSettings, limit: TextLimit)
        -> JSONValue?
    {
        guard entry.has(key) else { return .null }
        guard entry.localized(key, defaultLanguage: settings.language, limit: limit) != nil else { return nil }
        return entry.fields[key]
    }

    /// A whole number in `range`, or `fallback` when absent; nil (reported) when wrong.
    static func whole(_ entry: ObjectReader, _ key: String, in range: ClosedRange<Int>, fallback: Int) -> Int? {
        guard entry.has(key) else { return fallback }
        guard let number = entry.number(key, in: Double(range.lowerBound)...Double(range.upperBound)) else {
            return nil
        }
        guard number == number.rounded() else {
            entry.sink.report(entry.fieldPath(key), "must be a whole number")
            return nil
        }
        return Int(number)
    }

    /// A link fit for a slide's QR code: http or https, with a host, short enough.
    static func qrLink(_ text: String?) -> JSONValue? {
        guard let text, text.utf8.count <= PlaylistReader.maxURLLength,
            ControlCharacters.firstRefused(in: text, lineBreaks: false) == nil, !text.contains(" "),
            let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host?.isEmpty == false
        else { return nil }
        return .object(["url": .string(text)])
    }
}
