import FoundationEssentials
public import SkyltCore

/// An association's calendar (iCalendar): its occurrences of the coming days as one event
/// slide each, or as one agenda slide.
public final class CalendarSource: FeedSource {
    public enum Output: String, Sendable, CaseIterable {
        case events, agenda
    }

    public let url: String
    public let days: Int
    public let output: Output
    /// The agenda's heading as the entry gives it (a string or {language: text}); `.null` for
    /// the calendar's own name.
    public let title: JSONValue
    public let settings: SourceSettings
    let logger: Logger
    /// What the last round left out, each naming the event and why.
    public private(set) var skipped: [String] = []

    /// Occurrences shown: an agenda's cap, and more event slides than that would crowd out
    /// the channel's other slides.
    public static let maxShown = LiveDataRules.maxItems
    public static let eventDurationSeconds = 12.0

    public init(
        url: String, days: Int = 14, output: Output = .events, title: JSONValue = .null, settings: SourceSettings,
        logger: Logger = .standard
    ) {
        self.url = url
        self.days = days
        self.output = output
        self.title = title
        self.settings = settings
        self.logger = logger
    }

    /// The source an `ical` entry describes; nil (with every problem reported) when wrong.
    public static func make(_ entry: ObjectReader, settings: SourceSettings) -> CalendarSource? {
        let url = EntryFields.link(entry)
        let days = EntryFields.whole(entry, "days", in: 1...366, fallback: 14)
        let output: Output? = entry.has("as") ? entry.choice("as") : .events
        let title = EntryFields.localized(entry, "title", settings: settings, limit: .title)
        guard let url, let days, let output, let title else { return nil }
        return CalendarSource(url: url.absoluteString, days: days, output: output, title: title, settings: settings)
    }

    public func round(_ context: RoundContext) throws(FeedError) -> [JSONValue] {
        let document = try context.fetcher.fetch(FeedRequest(url: url, headers: ["Accept: text/calendar"]))
        let window = context.now..<context.now.addingTimeInterval(Double(days) * 86_400)
        let text = String(decoding: document.body, as: UTF8.self)
        guard let expansion = CalendarExpansion.expand(text, window: window, floating: settings.timeZone) else {
            throw FeedError(.parse, settings.subject, "is not an iCalendar document (no VCALENDAR)")
        }
        skipped = expansion.skipped
        if expansion.truncated {
            skipped.append("more than \(CalendarExpansion.maxOccurrences) occurrences in \(days) days; the first kept")
        }
        for message in skipped { logger.warning("\(settings.subject): \(message)") }
        let slides = CalendarSlides(expansion: expansion, zone: settings.timeZone)
        let shown = Array(expansion.occurrences.prefix(Self.maxShown))
        switch output {
        case .events: return slides.events(shown)
        case .agenda: return [slides.agenda(shown, title: title, id: "agenda-" + SlideID.hash(url))]
        }
    }
}

/// The slide objects of a calendar's occurrences, as `LiveFields.swift` and the event
/// template read them; every text cleaned and capped.
struct CalendarSlides {
    let expansion: CalendarExpansion
    let zone: Zone

    var name: String { expansion.name.flatMap { FeedText.field($0, limit: .line) } ?? "Calendar" }

    func events(_ occurrences: [CalendarOccurrence]) -> [JSONValue] {
        var seen: Set<String> = []
        return occurrences.compactMap { occurrence in
            let id = Self.id(occurrence)
            guard seen.insert(id).inserted else { return nil }
            return event(occurrence, id: id)
        }
    }

    /// "ev-" + the UID's hash + the start in UTC: stable from round to round, unique per
    /// occurrence, 34 characters.
    static func id(_ occurrence: CalendarOccurrence) -> String {
        let start = Zone.gmt.civil(occurrence.starts)
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        let stamp = "\(start.year)\(two(start.month))\(two(start.day))T\(two(start.hour))\(two(start.minute))Z"
        return "ev-\(SlideID.hash(occurrence.uid))-\(stamp)"
    }

    private func event(_ occurrence: CalendarOccurrence, id: String) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(id), "template": .string("event"), "duration": .number(CalendarSource.eventDurationSeconds),
            "title": .string(title(occurrence)), "starts": .string(ExternalText.timestamp(occurrence.starts, in: zone)),
            "place": .string(occurrence.location.flatMap { FeedText.field($0, limit: .line) } ?? name),
        ]
        if occurrence.ends > occurrence.starts {
            fields["ends"] = .string(ExternalText.timestamp(occurrence.ends, in: zone))
        }
        if let description = occurrence.description.flatMap({ FeedText.field($0, limit: .body) }) {
            fields["description"] = .string(description)
        }
        let organiser = expansion.name ?? occurrence.organiser
        if let organiser = organiser.flatMap({ FeedText.field($0, limit: .line) }) {
            fields["organiser"] = .string(organiser)
        }
        if let qr = EntryFields.qrLink(occurrence.url) { fields["qr"] = qr }
        return .object(fields)
    }

    private func title(_ occurrence: CalendarOccurrence) -> String {
        occurrence.summary.flatMap { FeedText.field($0, limit: .title) } ?? name
    }

    func agenda(_ occurrences: [CalendarOccurrence], title: JSONValue, id: String) -> JSONValue {
        let items: [JSONValue] = occurrences.map { occurrence in
            var item: [String: JSONValue] = [
                "title": .string(self.title(occurrence)),
                "starts": .string(ExternalText.timestamp(occurrence.starts, in: zone)),
                "allDay": .bool(occurrence.allDay),
            ]
            if occurrence.ends > occurrence.starts {
                item["ends"] = .string(ExternalText.timestamp(occurrence.ends, in: zone))
            }
            if let place = occurrence.location.flatMap({ FeedText.field($0, limit: .line) }) {
                item["place"] = .string(place)
            }
            return .object(item)
        }
        return .object([
            "id": .string(id), "template": .string("agenda"), "title": title == .null ? .string(name) : title,
            "events": .array(items), "source": .string(name),
        ])
    }
}
