import FoundationEssentials
import SkyltCore

/// What the departure and weather sources share: reading an operator's JSON by path and
/// writing the slide objects.
///
/// An operator's answer is outside data: every text goes through `FeedText.field`, so that a
/// hostile or broken answer can never make the channel unpublishable.
enum LiveSlideParts {
    /// The value at `path` (object keys) under `value`; nil where any step is missing.
    static func value(_ value: JSONValue?, _ path: String...) -> JSONValue? {
        var current = value
        for key in path {
            guard case .object(let fields) = current else { return nil }
            current = fields[key]
        }
        return current
    }

    static func string(_ value: JSONValue?, _ path: String...) -> String? {
        var current = value
        for key in path {
            guard case .object(let fields) = current else { return nil }
            current = fields[key]
        }
        if case .string(let text) = current { return text }
        // Line numbers and platforms sometimes come as numbers.
        if case .number(let number) = current, number == number.rounded(), abs(number) < 1e9 {
            return String(Int(number))
        }
        return nil
    }

    static func number(_ value: JSONValue?, _ path: String...) -> Double? {
        var current = value
        for key in path {
            guard case .object(let fields) = current else { return nil }
            current = fields[key]
        }
        if case .number(let number) = current, number.isFinite { return number }
        return nil
    }

    static func bool(_ value: JSONValue?, _ path: String...) -> Bool? {
        var current = value
        for key in path {
            guard case .object(let fields) = current else { return nil }
            current = fields[key]
        }
        if case .bool(let flag) = current { return flag }
        return nil
    }

    /// A coordinate as a plain decimal with at most `decimals` digits after the point, as
    /// the forecast services want it in their URLs ("59.3293", never "5.9e1").
    static func coordinate(_ value: Double, decimals: Int) -> String {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        let sign = scaled < 0 ? "-" : ""
        let whole = abs(scaled) / scale
        var fraction = String(abs(scaled) % scale)
        fraction = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// A slide object of `template` with the fields every data slide has.
    static func slide(id: String, template: String, fields: [String: JSONValue]) -> JSONValue {
        var object = fields
        object["id"] = .string(id)
        object["template"] = .string(template)
        object["duration"] = .number(15)
        return .object(object)
    }

    static func time(_ date: Date) -> JSONValue { .string(ISO8601.format(date)) }

    /// The answer's bytes as JSON, or a parse error naming the source.
    static func parse(_ document: FetchedDocument, subject: String, service: String) throws(FeedError) -> JSONValue {
        do {
            return try JSONValue.parse(document.body)
        } catch {
            throw FeedError(.parse, subject, "\(service)'s answer is not JSON: \(error.message)", cause: error)
        }
    }

    /// The field `key` of an entry as a non-empty string of safe characters (it goes into a
    /// URL); reported to the entry's sink when wrong.
    static func token(_ entry: ObjectReader, _ key: String, required: Bool, extra: String = "") -> String? {
        guard let text = entry.string(key, required: required, limit: .line) else { return nil }
        let allowed = text.unicodeScalars.allSatisfy {
            $0.isASCII
                && (Character($0).isLetter || Character($0).isNumber || "-_.:\(extra)".unicodeScalars.contains($0))
        }
        guard allowed, !text.isEmpty else {
            entry.sink.report(entry.fieldPath(key), "use only ASCII letters, digits, '-', '_', '.' and ':'")
            return nil
        }
        return text
    }

    /// The entry's own heading, in one language or several, checked like an editor's.
    static func title(_ entry: ObjectReader, settings: SourceSettings) -> LocalizedText? {
        entry.localized("title", defaultLanguage: settings.language, limit: .title)
    }

    /// A heading as the slide writes it: each language's text.
    static func json(_ text: LocalizedText) -> JSONValue {
        .object(text.translations.mapValues { .string($0) })
    }

    /// The entry's `items` (departures on the board), 8 unless it says; a wrong one is
    /// reported (so the entry is refused) and 8 stands in.
    static func items(_ entry: ObjectReader) -> Int {
        EntryFields.whole(entry, "items", in: 1...LiveDataRules.maxItems, fallback: 8) ?? 8
    }
}
