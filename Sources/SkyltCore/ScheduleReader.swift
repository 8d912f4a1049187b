import FoundationEssentials

/// Reads schedules, daily windows and opening hours from JSON, reporting every problem.
enum ScheduleReader {
    /// The exceptions to opening hours: every day of a year and more.
    static let maxOpeningExceptions = 400
    static let maxWindowsPerSchedule = PlaylistReader.maxWindowsPerSchedule
    static let maxWindowsPerPlaylist = PlaylistReader.maxWindowsPerPlaylist

    static func schedule(_ object: ObjectReader) -> Schedule {
        object.rejectUnknown(["validFrom", "validUntil", "weekdays", "times"])
        let validFrom = date(object, "validFrom")
        let validUntil = date(object, "validUntil")
        if let validFrom, let validUntil, validUntil <= validFrom {
            object.sink.report(object.fieldPath("validUntil"), "is not after 'validFrom'")
        }
        var weekdays: Set<Weekday>?
        if let names = object.stringArray("weekdays") {
            var days = Set<Weekday>()
            for (index, name) in names.enumerated() {
                guard let day = Weekday(rawValue: name) else {
                    object.sink.report(
                        object.fieldPath("weekdays") + "[\(index)]",
                        "'\(name)' is not one of mon, tue, wed, thu, fri, sat, sun")
                    continue
                }
                days.insert(day)
            }
            if names.isEmpty {
                object.sink.report(object.fieldPath("weekdays"), "names no day; leave it out to mean every day")
            }
            weekdays = days
        }
        let windows = object.array("times").map { windowList($0, sink: object.sink) } ?? []
        return Schedule(validFrom: validFrom, validUntil: validUntil, weekdays: weekdays, windows: windows)
    }

    static func date(_ object: ObjectReader, _ key: String) -> Date? {
        guard let text = object.string(key) else { return nil }
        if let date = ISO8601.parse(text) { return date }
        object.sink.report(object.fieldPath(key), "'\(text)' is not a date and time such as 2026-12-12T11:00:00+01:00")
        return nil
    }

    /// A list of `{"from": "HH:MM", "to": "HH:MM"}` windows, refused whole beyond
    /// `maxWindowsPerSchedule`.
    static func windowList(_ items: [(path: String, value: JSONValue)], sink: ProblemSink) -> [DailyWindow] {
        guard items.count <= maxWindowsPerSchedule else {
            // The list's own path: its first item's without the "[0]".
            let path = String(items[0].path.dropLast(3))
            sink.report(
                path, "lists \(items.count) windows; a schedule may have at most \(maxWindowsPerSchedule)",
                code: .tooManyWindows)
            return []
        }
        return items.compactMap { item in
            guard let window = ObjectReader(item.value, path: item.path, sink: sink) else { return nil }
            window.rejectUnknown(["from", "to"])
            let from = time(window, "from")
            let to = time(window, "to")
            guard let from, let to else { return nil }
            if from == to {
                sink.report(item.path, "starts and ends at \(from); a window needs a length")
                return nil
            }
            return DailyWindow(from: from, to: to)
        }
    }

    static func time(_ object: ObjectReader, _ key: String) -> TimeOfDay? {
        guard let text = object.string(key, required: true) else { return nil }
        guard let time = TimeOfDay(text) else {
            object.sink.report(object.fieldPath(key), "'\(text)' is not a time such as 08:30 (00:00 to 24:00)")
            return nil
        }
        return time
    }

    static func openingHours(_ object: ObjectReader) -> OpeningHours {
        object.rejectUnknown(Set(Weekday.allCases.map(\.rawValue) + ["exceptions"]))
        var weekly: [Weekday: [DailyWindow]] = [:]
        for day in Weekday.allCases {
            if let items = object.array(day.rawValue) { weekly[day] = windowList(items, sink: object.sink) }
        }
        var exceptions: [String: [DailyWindow]] = [:]
        var items = object.array("exceptions") ?? []
        if items.count > maxOpeningExceptions {
            object.sink.report(
                object.fieldPath("exceptions"),
                "lists \(items.count) days; opening hours may have at most \(maxOpeningExceptions) exceptions",
                code: .tooManyWindows)
            items = []
        }
        for item in items {
            guard let exception = ObjectReader(item.value, path: item.path, sink: object.sink) else { continue }
            exception.rejectUnknown(["date", "times"])
            guard let date = exception.string("date", required: true) else { continue }
            let valid = date.count == 10 && (try? Date(date + "T12:00:00Z", strategy: .iso8601)) != nil
            guard valid else {
                object.sink.report(exception.fieldPath("date"), "'\(date)' is not a date such as 2026-12-24")
                continue
            }
            exceptions[date] = exception.array("times").map { windowList($0, sink: object.sink) } ?? []
        }
        return OpeningHours(weekly: weekly, exceptions: exceptions)
    }
}

extension ScheduleReader {
    /// Reports a playlist whose slides list more than `maxWindowsPerPlaylist` windows in all:
    /// the planner's work grows with them, for every slide it considers.
    static func checkWindowTotal(_ slides: [Slide], sink: ProblemSink) {
        let total = slides.reduce(0) { $0 + $1.schedule.windows.count }
        guard total > maxWindowsPerPlaylist else { return }
        sink.report(
            "slides", "list \(total) schedule windows in all; a playlist may have at most \(maxWindowsPerPlaylist)",
            code: .tooManyWindows)
    }
}
