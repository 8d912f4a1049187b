import Foundation
import SkyltCore
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// The slide form's values by field name (the JSON path: `title.sv`, `qr.url`,
/// `schedule.validFrom`), read from a stored slide or from a posted form, and turned back into
/// the slide's JSON object. Nothing typed is lost: a value the JSON cannot hold comes back in
/// the form with a problem at its field.
struct SlideFormValues {
    var template: String
    var values: [String: String] = [:]
    var weekdays: Set<String> = []
    /// The languages the form has text fields for, the default language first.
    var languages: [String]
    /// True when the form named more languages than `languageLimit` allows; the rest were left
    /// out, and a save is refused.
    var tooManyLanguages = false

    /// Languages a slide may have beyond its channel's.
    static let maxExtraLanguages = 8
    /// Languages a slide may have in all, unless its channel has more.
    static let maxLanguages = 12

    /// How many languages a slide of a channel with `base` languages may have: each field of
    /// each language is a fieldset in the form, a preview and text in the playlist.
    static func languageLimit(base: Int) -> Int {
        min(base + maxExtraLanguages, max(maxLanguages, base))
    }

    static let languagesField = "languages"
    static let currentImageField = "image.current"

    func value(_ name: String) -> String { values[name] ?? "" }

    /// The values of a stored slide, in the channel's `timeZone`.
    init(slide: JSONValue, template: String, languages base: [String], timeZone: TimeZone) {
        self.template = template
        languages = base
        guard case .object(let fields) = slide else { return }
        for spec in SlideTemplates.fields(template) {
            read(spec, from: fields, base: base, timeZone: timeZone)
        }
        if case .object(let schedule)? = fields["schedule"] {
            for key in ["validFrom", "validUntil"] {
                if case .string(let text)? = schedule[key] {
                    values["schedule.\(key)"] = SlideDateField.local(text, timeZone: timeZone)
                }
            }
            if case .array(let days)? = schedule["weekdays"] {
                weekdays = Set(
                    days.compactMap { day -> String? in
                        if case .string(let name) = day { return name }
                        return nil
                    })
            }
            if case .array(let windows)? = schedule["times"] { values["schedule.times"] = Self.windowsText(windows) }
        }
        if case .string(let priority)? = fields["priority"] { values["priority"] = priority }
        if case .number(let seconds)? = fields["duration"] { values["duration"] = Self.number(seconds) }
        values[Self.languagesField] = languages.joined(separator: ", ")
    }

    private mutating func read(
        _ spec: SlideFieldSpec, from fields: [String: JSONValue], base: [String], timeZone: TimeZone
    ) {
        let path = spec.key.split(separator: ".").map(String.init)
        guard let value = Self.lookup(path, in: fields) else { return }
        switch (spec.kind, value) {
        case (.text, .string(let text)):
            values["\(spec.key).\(base.first ?? "sv")"] = text
        case (.text, .object(let translations)):
            for (language, item) in translations {
                guard case .string(let text) = item else { continue }
                values["\(spec.key).\(language)"] = text
                if !languages.contains(language), LanguageCode.isValid(language) { languages.append(language) }
            }
        case (.dateTime, .string(let text)): values[spec.key] = SlideDateField.local(text, timeZone: timeZone)
        case (.image, .string(let text)): values[Self.currentImageField] = text
        case (.hidden, .bool(let on)): values[spec.key] = on ? "on" : ""
        case (.focus, .array(let items)):
            values[spec.key] = items.compactMap { item -> String? in
                if case .number(let number) = item { return Self.number(number) }
                return nil
            }.joined(separator: ", ")
        case (.readings, .array(let items)): readReadings(items)
        case (.download, .string(let text)): values[SlideVisitorUpload.currentField(spec.key)] = text
        case (_, .string(let text)): values[spec.key] = text
        default: break
        }
    }

    /// The values a browser posted, with the text fields of every language it named (at most
    /// `languageLimit`; more sets `tooManyLanguages`).
    init(form: HTTPFormBody, template: String, languages base: [String]) {
        self.template = template
        var languages = LanguageList(base: base)
        let typed = (form.value(Self.languagesField) ?? "").split(whereSeparator: { $0 == "," || $0 == " " })
        for code in typed.map({ String($0).trimmingCharacters(in: .whitespaces) }) where LanguageCode.isValid(code) {
            languages.add(code)
        }
        for item in form.fields where item.name != HTML.csrfFieldName {
            if item.name == "schedule.weekdays" {
                weekdays.insert(item.value)
            } else if values[item.name] == nil {
                values[item.name] = item.value
            }
        }
        let textKeys = Set(SlideTemplates.fields(template).filter(\.isText).map(\.key))
        for item in form.fields where !item.value.isEmpty {
            guard let dot = item.name.lastIndex(of: ".") else { continue }
            let code = String(item.name[item.name.index(after: dot)...])
            if textKeys.contains(String(item.name[..<dot])), LanguageCode.isValid(code) { languages.add(code) }
        }
        self.languages = languages.codes
        tooManyLanguages = languages.isOverLimit
        values[Self.languagesField] =
            tooManyLanguages ? form.value(Self.languagesField) ?? "" : languages.codes.joined(separator: ", ")
    }

    static func lookup(_ path: [String], in fields: [String: JSONValue]) -> JSONValue? {
        guard let first = path.first, let value = fields[first] else { return nil }
        if path.count == 1 { return value }
        guard case .object(let inner) = value else { return nil }
        return lookup(Array(path.dropFirst()), in: inner)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    static func windowsText(_ windows: [JSONValue]) -> String {
        windows.compactMap { window -> String? in
            guard case .object(let w) = window, case .string(let from)? = w["from"], case .string(let to)? = w["to"]
            else { return nil }
            return "\(from)–\(to)"
        }.joined(separator: ", ")
    }

    /// A stored story's readings as the fields of their fieldsets (`readings[0].language`…);
    /// an audio file's path goes to its field's hidden `.current`.
    private mutating func readReadings(_ items: [JSONValue]) {
        for (index, item) in items.prefix(Self.maxReadings).enumerated() {
            guard case .object(let reading) = item else { continue }
            for key in ["language", "url", "label", "text"] {
                if case .string(let text)? = reading[key] { values[SlideReadingsHTML.name(index, key)] = text }
            }
            if case .string(let path)? = reading["audio"] {
                values[SlideVisitorUpload.currentField(SlideReadingsHTML.name(index, "audio"))] = path
            }
        }
    }

    /// The most readings the form has fieldsets for.
    static let maxReadings = 12

    /// How many reading fieldsets the form has: one after the last that has anything in it,
    /// so that a reading is added without JavaScript (press Preview), at most `maxReadings`.
    var readingCount: Int {
        var used = 0
        for (name, value) in values where !value.isEmpty && name.hasPrefix("readings[") {
            let digits = name.dropFirst("readings[".count).prefix { $0.isNumber }
            if let index = Int(digits), index < Self.maxReadings { used = max(used, index + 1) }
        }
        return min(used + 1, Self.maxReadings)
    }
}

/// The languages of a posted slide form: the channel's first, then each new code once (a set
/// for the check, so that a long list costs no more than its length), up to the limit.
struct LanguageList {
    private(set) var codes: [String]
    private var seen: Set<String>
    private let limit: Int
    private(set) var isOverLimit = false

    init(base: [String]) {
        codes = base
        seen = Set(base)
        limit = SlideFormValues.languageLimit(base: base.count)
    }

    mutating func add(_ code: String) {
        guard !seen.contains(code) else { return }
        guard codes.count < limit else {
            isOverLimit = true
            return
        }
        seen.insert(code)
        codes.append(code)
    }
}
