import SkyltCore

/// Turns the field names the reader and the compositor use into the slide's JSON paths the
/// form knows its fields by ("title.sv", "qr.label.en", "readings[1].url").
enum PreviewFields {
    /// The prefix the reader puts before the fields of the only staged slide.
    static let slidePrefix = "slides[0]"

    /// A reader's field (`slides[0].title.sv`) without the slide's prefix; "" for the slide
    /// itself, nil for a field of the channel's settings (theme, time zone…).
    static func readerField(_ field: String) -> String? {
        if field == slidePrefix { return "" }
        guard field.hasPrefix(slidePrefix + ".") else { return nil }
        return String(field.dropFirst(slidePrefix.count + 1))
    }

    /// The JSON path of a field the compositor names (`title`, `qr.url.label`, `starts.date`)
    /// in `language`: the longest part of it the slide has, and the language's translation
    /// where the field is an object of translations, so that the problem stands at the text
    /// box of that language. "" when the slide has none of it (built-in texts such as the
    /// Wi-Fi labels, or the layout as a whole).
    static func layoutField(_ field: String, language: String, slide: JSONValue) -> String {
        // The label under a code is drawn as `<code field>.label`; the slide has it beside `url`.
        let named = field.hasSuffix(".url.label") ? String(field.dropLast(".url.label".count)) + ".label" : field
        var parts = segments(named)
        while !parts.isEmpty {
            if let value = value(at: parts, in: slide) {
                let path = join(parts)
                if case .object(let translations) = value, translations[language] != nil {
                    return path + "." + language
                }
                return path
            }
            parts.removeLast()
        }
        return ""
    }

    enum Segment: Equatable {
        case key(String)
        case index(Int)
    }

    /// `readings[1].url` as `[readings, 1, url]`.
    static func segments(_ path: String) -> [Segment] {
        var result: [Segment] = []
        for part in path.split(separator: ".") {
            var rest = Substring(part)
            if let open = rest.firstIndex(of: "[") {
                if open > rest.startIndex { result.append(.key(String(rest[..<open]))) }
                rest = rest[open...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    if let index = Int(rest[rest.index(after: rest.startIndex)..<close]) {
                        result.append(.index(index))
                    }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                result.append(.key(String(rest)))
            }
        }
        return result
    }

    static func join(_ segments: [Segment]) -> String {
        var text = ""
        for segment in segments {
            switch segment {
            case .key(let key): text += (text.isEmpty ? "" : ".") + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    static func value(at segments: [Segment], in json: JSONValue) -> JSONValue? {
        var current = json
        for segment in segments {
            switch (segment, current) {
            case (.key(let key), .object(let fields)):
                guard let next = fields[key], next != .null else { return nil }
                current = next
            case (.index(let index), .array(let items)):
                guard items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }
}
