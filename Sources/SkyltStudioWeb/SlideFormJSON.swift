import Foundation
import SkyltCore

/// Turns the form's values into the slide's JSON object, as playlist.json holds it. Values the
/// JSON cannot take (a window that is not "HH:MM–HH:MM", a duration that is not a number)
/// become problems at their field; the reader (`Studio.checkSlide`) checks the rest.
struct SlideFormJSON {
    var form: SlideFormValues
    var timeZone: TimeZone
    /// The path of a newly uploaded image, which replaces the form's current one.
    var uploadedImage: String?
    /// The path of each visitor file field (`readings[0].audio`, `qr.file`), uploaded now or kept.
    var files: [String: String]
    private(set) var problems: [FieldProblem] = []
    private var root: [String: JSONValue] = [:]

    init(form: SlideFormValues, timeZone: TimeZone, uploadedImage: String?, files: [String: String] = [:]) {
        self.form = form
        self.timeZone = timeZone
        self.uploadedImage = uploadedImage
        self.files = files
    }

    /// The slide with id `id`, and the problems of values it could not hold.
    mutating func slide(id: String, problem: (String, String) -> String) -> JSONValue {
        root = ["id": .string(id), "template": .string(form.template)]
        for spec in SlideTemplates.fields(form.template) { add(spec, problem: problem) }
        addSchedule(problem: problem)
        let priority = form.value("priority")
        if !priority.isEmpty, priority != "normal" { root["priority"] = .string(priority) }
        let duration = form.value("duration").trimmingCharacters(in: .whitespaces)
        if !duration.isEmpty {
            if let seconds = Double(duration.replacingOccurrences(of: ",", with: ".")), seconds.isFinite {
                root["duration"] = .number(seconds)
            } else {
                report(
                    "duration",
                    problem("Skriv ett antal sekunder, till exempel 10.", "Type a number of seconds, such as 10."))
            }
        }
        return .object(root)
    }

    private mutating func add(_ spec: SlideFieldSpec, problem: (String, String) -> String) {
        let raw = form.value(spec.key)
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        switch spec.kind {
        case .text:
            var translations: [String: JSONValue] = [:]
            for language in form.languages {
                let value = form.value("\(spec.key).\(language)").trimmingCharacters(in: .whitespacesAndNewlines)
                if !value.isEmpty { translations[language] = .string(value) }
            }
            if !translations.isEmpty { set(spec.key, .object(translations)) }
        case .dateTime:
            if !text.isEmpty { set(spec.key, .string(SlideDateField.iso(text, timeZone: timeZone) ?? text)) }
        case .url, .fit, .security:
            if !text.isEmpty { set(spec.key, .string(text)) }
        case .plain:
            if !raw.isEmpty { set(spec.key, .string(spec.key == "password" ? raw : text)) }
        case .image:
            let path = uploadedImage ?? form.value(SlideFormValues.currentImageField)
            if !path.isEmpty { set(spec.key, .string(path)) }
        case .hidden:
            if text == "on" { set(spec.key, .bool(true)) }
        case .focus:
            guard !text.isEmpty else { return }
            let numbers = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).compactMap { Double($0) }
            if numbers.count == 2 {
                set(spec.key, .array(numbers.map(JSONValue.number)))
            } else {
                report(
                    spec.key, problem("Skriv två tal, till exempel 0.5, 0.3.", "Type two numbers, such as 0.5, 0.3."))
            }
        case .readings:
            addReadings(problem: problem)
        case .download:
            addDownload(spec.key, problem: problem)
        }
    }

    /// The QR code's `file`; refused beside a link, which a code cannot have both of.
    private mutating func addDownload(_ key: String, problem: (String, String) -> String) {
        guard let path = files[key] else { return }
        if root["qr"].flatMap({ if case .object(let qr) = $0 { qr["url"] } else { nil } }) != nil {
            report(
                key,
                problem(
                    "Ge antingen en länk eller en fil att ladda ner, inte båda. Töm länken eller ta bort filen.",
                    "Give either a link or a file to download, not both. Empty the link or remove the file."))
            return
        }
        set(key, .string(path))
    }

    /// One reading per fieldset with anything in it: its language and either its `url` or its
    /// `audio` and `text`; both, or neither, is an error at the reading's link.
    private mutating func addReadings(problem: (String, String) -> String) {
        var items: [JSONValue] = []
        for index in 0..<form.readingCount {
            let form = self.form
            let name = { (key: String) in SlideReadingsHTML.name(index, key) }
            let value = { (key: String) in form.value(name(key)).trimmingCharacters(in: .whitespacesAndNewlines) }
            let audio = files[name("audio")]
            let (language, url, text, label) = (value("language"), value("url"), value("text"), value("label"))
            guard !language.isEmpty || !url.isEmpty || audio != nil || !text.isEmpty || !label.isEmpty else {
                continue
            }
            var reading: [String: JSONValue] = ["language": .string(language)]
            if !label.isEmpty { reading["label"] = .string(label) }
            let hasPage = audio != nil || !text.isEmpty
            if !url.isEmpty, hasPage {
                report(
                    name("url"),
                    problem(
                        "Ge antingen en länk eller ljud och text, inte båda. Töm länken eller ta bort ljud och text.",
                        "Give either a link or audio and text, not both. Empty the link or remove the audio and text."))
            } else if url.isEmpty, !hasPage {
                report(
                    name("url"),
                    problem(
                        "Ge en länk, eller ljud och text på språket.",
                        "Give a link, or audio and text in the language."))
            }
            if !url.isEmpty { reading["url"] = .string(url) }
            if let audio, url.isEmpty { reading["audio"] = .string(audio) }
            if !text.isEmpty, url.isEmpty { reading["text"] = .string(text) }
            items.append(.object(reading))
        }
        if !items.isEmpty { root["readings"] = .array(items) }
    }

    private mutating func addSchedule(problem: (String, String) -> String) {
        var schedule: [String: JSONValue] = [:]
        for key in ["validFrom", "validUntil"] {
            let text = form.value("schedule.\(key)").trimmingCharacters(in: .whitespaces)
            if !text.isEmpty { schedule[key] = .string(SlideDateField.iso(text, timeZone: timeZone) ?? text) }
        }
        let days = Weekday.allCases.map(\.rawValue).filter(form.weekdays.contains)
        if !days.isEmpty, days.count < Weekday.allCases.count {
            schedule["weekdays"] = .array(days.map(JSONValue.string))
        }
        var windows: [JSONValue] = []
        let times = form.value("schedule.times")
        for part in times.split(separator: ",") {
            let ends = part.split(whereSeparator: { $0 == "–" || $0 == "-" }).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard ends.count == 2, TimeOfDay(ends[0]) != nil, TimeOfDay(ends[1]) != nil else {
                report(
                    "schedule.times",
                    problem(
                        "Skriv tiderna som 10:00–14:00, med komma mellan flera.",
                        "Write the times as 10:00–14:00, with commas between several."))
                continue
            }
            windows.append(.object(["from": .string(ends[0]), "to": .string(ends[1])]))
        }
        if !windows.isEmpty { schedule["times"] = .array(windows) }
        if !schedule.isEmpty { root["schedule"] = .object(schedule) }
    }

    private mutating func report(_ field: String, _ message: String) {
        problems.append(FieldProblem(field: field, message: message, isWarning: false))
    }

    /// Sets `value` at the dotted `path`, making the objects on the way.
    private mutating func set(_ path: String, _ value: JSONValue) {
        let parts = path.split(separator: ".").map(String.init)
        root = Self.setting(value, at: parts[...], in: root)
    }

    private static func setting(_ value: JSONValue, at path: ArraySlice<String>, in object: [String: JSONValue])
        -> [String: JSONValue]
    {
        var object = object
        guard let first = path.first else { return object }
        if path.count == 1 {
            object[first] = value
        } else {
            let inner: [String: JSONValue] = if case .object(let existing)? = object[first] { existing } else { [:] }
            object[first] = .object(setting(value, at: path.dropFirst(), in: inner))
        }
        return object
    }
}

/// Date-times between the form's `datetime-local` ("2026-12-12T11:00", the channel's local
/// time) and the playlist's ISO 8601 with offset.
enum SlideDateField {
    static func formatter(_ format: String, _ timeZone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = format
        return formatter
    }

    /// The form's text as ISO 8601 with the zone's offset; nil when it is no date-time.
    static func iso(_ text: String, timeZone: TimeZone) -> String? {
        if ISO8601.parse(text) != nil { return text }
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            if let date = formatter(format, timeZone).date(from: text) {
                return formatter("yyyy-MM-dd'T'HH:mm:ssxxxxx", timeZone).string(from: date)
            }
        }
        return nil
    }

    /// An ISO 8601 date-time as the form shows it, in the zone; the text itself when unreadable.
    static func local(_ text: String, timeZone: TimeZone) -> String {
        guard let date = ISO8601.parse(text) else { return text }
        return formatter("yyyy-MM-dd'T'HH:mm", timeZone).string(from: date)
    }
}
