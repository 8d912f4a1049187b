import FoundationEssentials

/// Collects problems while a decoder walks a JSON tree, so that one pass reports all of them.
///
/// Not thread-safe: one sink belongs to one decode.
public final class ProblemSink {
    public let file: String
    public private(set) var problems: [Problem] = []
    /// The slide being read, attached to every problem reported meanwhile.
    public var slide: String?

    public init(file: String) { self.file = file }

    public func report(_ field: String, _ message: String, code: ProblemCode? = nil) {
        problems.append(Problem(file: file, slide: slide, field: field, message: message, code: code))
    }
}

/// Reads the fields of one JSON object and reports, to its sink, every field that is missing,
/// of the wrong type, out of range, or unknown.
public struct ObjectReader {
    public let path: String
    public let fields: [String: JSONValue]
    public let sink: ProblemSink

    /// Wraps `value`, reporting a problem and giving nil when it is not an object.
    public init?(_ value: JSONValue, path: String, sink: ProblemSink) {
        guard case .object(let fields) = value else {
            sink.report(path, "expected an object, found \(value.typeName)")
            return nil
        }
        self.path = path
        self.fields = fields
        self.sink = sink
    }

    public func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Reports every key not in `known`; misspelt fields must not pass silently.
    public func rejectUnknown(_ known: Set<String>) {
        for key in fields.keys.sorted() where !known.contains(key) && !key.hasPrefix("$") {
            sink.report(fieldPath(key), "unknown field")
        }
    }

    public func has(_ key: String) -> Bool { fields[key] != nil && fields[key] != .null }

    private func missing(_ key: String, required: Bool) -> Bool {
        if has(key) { return false }
        if required { sink.report(fieldPath(key), "is required") }
        return true
    }

    /// A string within `limit`: its cap in characters, and no control characters (nor line
    /// breaks, where the field takes one line).
    public func string(_ key: String, required: Bool = false, limit: TextLimit = .plain) -> String? {
        if missing(key, required: required) { return nil }
        guard case .string(let value) = fields[key]! else {
            sink.report(fieldPath(key), "expected a string, found \(fields[key]!.typeName)")
            return nil
        }
        guard checked(value, path: fieldPath(key), limit: limit) else { return nil }
        if required && value.trimmed.isEmpty {
            sink.report(fieldPath(key), "must not be empty")
            return nil
        }
        return value
    }

    public func number(_ key: String, required: Bool = false, in range: ClosedRange<Double>) -> Double? {
        if missing(key, required: required) { return nil }
        guard case .number(let value) = fields[key]! else {
            sink.report(fieldPath(key), "expected a number, found \(fields[key]!.typeName)")
            return nil
        }
        guard range.contains(value) else {
            sink.report(
                fieldPath(key),
                "must be between \(Self.format(range.lowerBound)) and \(Self.format(range.upperBound)), is \(Self.format(value))"
            )
            return nil
        }
        return value
    }

    public func bool(_ key: String) -> Bool? {
        if missing(key, required: false) { return nil }
        guard case .bool(let value) = fields[key]! else {
            sink.report(fieldPath(key), "expected true or false, found \(fields[key]!.typeName)")
            return nil
        }
        return value
    }

    public func choice<T: RawRepresentable>(_ key: String, required: Bool = false) -> T?
    where T: CaseIterable, T.RawValue == String {
        guard let raw = string(key, required: required) else { return nil }
        guard let value = T(rawValue: raw) else {
            let allowed = T.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            sink.report(fieldPath(key), "'\(raw)' is not one of \(allowed)")
            return nil
        }
        return value
    }

    public func object(_ key: String, required: Bool = false) -> ObjectReader? {
        if missing(key, required: required) { return nil }
        return ObjectReader(fields[key]!, path: fieldPath(key), sink: sink)
    }

    public func array(_ key: String, required: Bool = false) -> [(path: String, value: JSONValue)]? {
        if missing(key, required: required) { return nil }
        guard case .array(let items) = fields[key]! else {
            sink.report(fieldPath(key), "expected an array, found \(fields[key]!.typeName)")
            return nil
        }
        return items.enumerated().map { (fieldPath(key) + "[\($0.offset)]", $0.element) }
    }

    public func stringArray(_ key: String, required: Bool = false, limit: TextLimit = .singleLine) -> [String]? {
        guard let items = array(key, required: required) else { return nil }
        var strings: [String] = []
        for item in items {
            guard case .string(let value) = item.value else {
                sink.report(item.path, "expected a string, found \(item.value.typeName)")
                continue
            }
            guard checked(value, path: item.path, limit: limit) else { continue }
            strings.append(value)
        }
        return strings
    }

    /// Whether `value` is within `limit`; reports why not on `path`.
    func checked(_ value: String, path: String, limit: TextLimit) -> Bool {
        guard let problem = limit.problem(value) else { return true }
        sink.report(path, problem.message, code: problem.code)
        return false
    }

    /// A text an editor may give as one string (the playlist's default language) or as an
    /// object of translations keyed by language code; each within `limit`.
    public func localized(
        _ key: String, required: Bool = false, defaultLanguage: String, limit: TextLimit = .plain
    ) -> LocalizedText? {
        if missing(key, required: required) { return nil }
        switch fields[key]! {
        case .string(let value):
            if value.trimmed.isEmpty {
                sink.report(fieldPath(key), "must not be empty")
                return nil
            }
            guard checked(value, path: fieldPath(key), limit: limit) else { return nil }
            return LocalizedText([defaultLanguage: value])
        case .object(let translations):
            guard translations.count <= PlaylistReader.maxLanguagesPerSlide else {
                sink.report(
                    fieldPath(key),
                    "has \(translations.count) translations; a text may have at most \(PlaylistReader.maxLanguagesPerSlide) languages",
                    code: .tooManyLanguages)
                return nil
            }
            var texts: [String: String] = [:]
            // Refused for their length or characters: reported once, not again as missing.
            var refused: Set<String> = []
            for (language, value) in translations.sorted(by: { $0.key < $1.key }) {
                let path = fieldPath(key) + "." + language
                guard LanguageCode.isValid(language) else {
                    sink.report(path, "'\(language)' is not a language code such as 'sv' or 'en'")
                    continue
                }
                guard case .string(let text) = value else {
                    sink.report(path, "expected a string, found \(value.typeName)")
                    continue
                }
                guard !text.trimmed.isEmpty else {
                    sink.report(path, "must not be empty")
                    continue
                }
                guard checked(text, path: path, limit: limit) else {
                    refused.insert(language)
                    continue
                }
                texts[language] = text
            }
            if texts.isEmpty {
                if refused.isEmpty { sink.report(fieldPath(key), "has no text in any language") }
                return nil
            }
            if texts[defaultLanguage] == nil && !refused.contains(defaultLanguage) {
                sink.report(fieldPath(key), "has no text in the default language '\(defaultLanguage)'")
            }
            return LocalizedText(texts)
        default:
            sink.report(
                fieldPath(key), "expected a string or an object of translations, found \(fields[key]!.typeName)")
            return nil
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
