import FoundationEssentials

/// Readers of the data templates' fields. The feeds service writes them, but a kiosk reads
/// them as it reads an editor's playlist: every field checked, every problem named.
extension SlideReader.Fields {
    func departures() -> SlideContent? {
        let title = text("title", required: true)
        let fetched = date("fetched", required: true)
        let source = object.string("source", required: true, limit: .line)
        let departures = items("departures", limit: LiveDataRules.maxItems) { departure($0) }
        guard let title, let fetched, let source, let departures else { return nil }
        return .departures(DepartureBoard(title: title, fetched: fetched, departures: departures, source: source))
    }

    private func departure(_ item: ObjectReader) -> Departure? {
        item.rejectUnknown(["line", "destination", "scheduled", "expected", "cancelled", "platform", "mode"])
        let line = item.string("line", required: true, limit: .label)
        let destination = item.string("destination", required: true, limit: .line)
        let scheduled = date("scheduled", required: true, in: item)
        let expected = date("expected", in: item)
        let platform = item.string("platform", limit: .label)
        let mode: TransportMode? = item.choice("mode")
        guard let line, let destination, let scheduled else { return nil }
        return Departure(
            line: line, destination: destination, scheduled: scheduled, expected: expected,
            cancelled: item.bool("cancelled") ?? false, platform: platform, mode: mode)
    }

    func weather() -> SlideContent? {
        let place = text("place", required: true)
        let fetched = date("fetched", required: true)
        let source = object.string("source", required: true, limit: .line)
        let periods = items("periods", limit: LiveDataRules.maxItems) { period($0) }
        if let periods, periods.isEmpty { object.sink.report(object.fieldPath("periods"), "needs at least one period") }
        guard let place, let fetched, let source, let periods, !periods.isEmpty else { return nil }
        return .weather(Forecast(place: place, fetched: fetched, periods: periods, source: source))
    }

    private func period(_ item: ObjectReader) -> WeatherPeriod? {
        item.rejectUnknown(["time", "symbol", "temperature", "wind", "precipitation"])
        let time = date("time", required: true, in: item)
        let symbol = item.number("symbol", required: true, in: 1...27)
        let temperature = item.number("temperature", required: true, in: -90...70)
        let wind = item.number("wind", in: 0...150)
        let precipitation = item.number("precipitation", in: 0...1000)
        if let symbol, symbol != symbol.rounded() {
            item.sink.report(item.fieldPath("symbol"), "must be a whole number from 1 to 27")
            return nil
        }
        guard let time, let symbol, let temperature else { return nil }
        return WeatherPeriod(
            time: time, symbol: Int(symbol), temperature: temperature, wind: wind, precipitation: precipitation)
    }

    func agenda() -> SlideContent? {
        let title = text("title", required: true)
        let source = object.string("source", limit: .line)
        let events = items("events", limit: LiveDataRules.maxItems) { agendaItem($0) }
        guard let title, let events else { return nil }
        return .agenda(Agenda(title: title, items: events, source: source))
    }

    private func agendaItem(_ item: ObjectReader) -> AgendaItem? {
        item.rejectUnknown(["title", "starts", "ends", "place", "allDay"])
        let title = item.string("title", required: true, limit: .title)
        let starts = date("starts", required: true, in: item)
        let ends = date("ends", in: item)
        let place = item.string("place", limit: .line)
        if let starts, let ends, ends < starts { item.sink.report(item.fieldPath("ends"), "is before 'starts'") }
        guard let title, let starts else { return nil }
        return AgendaItem(title: title, starts: starts, ends: ends, place: place, allDay: item.bool("allDay") ?? false)
    }

    func news() -> SlideContent? {
        let headline = text("headline", required: true)
        let summary = text("summary")
        let published = date("published")
        let qr = qr("qr")
        let source = object.string("source", required: true, limit: .line)
        guard let headline, let source else { return nil }
        return .news(NewsItem(headline: headline, summary: summary, published: published, qr: qr, source: source))
    }

    func figure() -> SlideContent? {
        let label = text("label", required: true)
        let value = object.number("value", required: true, in: -1e9...1e9)
        let unit = object.string("unit", required: true, limit: .label)
        let read = date("read", required: true)
        let decimals = object.number("decimals", in: 0...4)
        let source = object.string("source", required: true, limit: .line)
        let history = items("history", limit: LiveDataRules.maxHistory, required: false) { point($0) } ?? []
        guard let label, let value, let unit, let read, let source else { return nil }
        return .figure(
            Figure(
                label: label, value: value, unit: unit, read: read, history: history,
                decimals: Int(decimals ?? 1), source: source))
    }

    private func point(_ item: ObjectReader) -> FigurePoint? {
        item.rejectUnknown(["time", "value"])
        let time = date("time", required: true, in: item)
        let value = item.number("value", required: true, in: -1e9...1e9)
        guard let time, let value else { return nil }
        return FigurePoint(time: time, value: value)
    }

    func alert() -> SlideContent? {
        let headline = text("headline", required: true)
        let body = text("body", required: true)
        let instruction = text("instruction")
        let sender = object.string("sender", required: true, limit: .line)
        let source = object.string("source", required: true, limit: .line)
        let effective = date("effective")
        let expires = date("expires")
        let status: AlertStatus = object.choice("status") ?? .actual
        if let effective, let expires, expires <= effective {
            object.sink.report(object.fieldPath("expires"), "is not after 'effective'")
        }
        guard let headline, let body, let sender, let source else { return nil }
        return .alert(
            Alert(
                headline: headline, body: body, instruction: instruction, sender: sender, source: source,
                effective: effective, expires: expires, status: status))
    }

    /// The objects of the array `key`, each read by `read`; nil when the array is missing, too
    /// long, or any item is wrong (each problem reported on its own path).
    private func items<T>(_ key: String, limit: Int, required: Bool = true, _ read: (ObjectReader) -> T?) -> [T]? {
        guard let entries = object.array(key, required: required) else { return nil }
        guard entries.count <= limit else {
            object.sink.report(object.fieldPath(key), "has \(entries.count) items; at most \(limit) are shown")
            return nil
        }
        let read = entries.compactMap { entry in
            ObjectReader(entry.value, path: entry.path, sink: object.sink).flatMap(read)
        }
        return read.count == entries.count ? read : nil
    }

    /// A date-time field of `reader`, an item of a list.
    private func date(_ key: String, required: Bool = false, in reader: ObjectReader) -> Date? {
        guard let text = reader.string(key, required: required, limit: .singleLine) else { return nil }
        if let date = ISO8601.parse(text) { return date }
        reader.sink.report(
            reader.fieldPath(key), "'\(text)' is not a date and time such as 2026-12-12T11:00:00+01:00")
        return nil
    }
}
