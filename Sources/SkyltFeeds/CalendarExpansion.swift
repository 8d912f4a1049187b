import CICal
public import FoundationEssentials
public import SkyltCore
import Synchronization

/// One occurrence of a calendar's event within the window asked for.
public struct CalendarOccurrence: Sendable, Equatable {
    public var uid: String
    public var summary: String?
    public var starts: Date
    /// The end: DTEND, or DTSTART plus DURATION; an all-day event ends at the start of the
    /// day after its last; an event with neither ends as it starts.
    public var ends: Date
    public var allDay: Bool
    public var location: String?
    public var description: String?
    public var url: String?
    public var organiser: String?
}

/// A calendar's occurrences within a window, expanded with libical: recurrence rules, RDATE,
/// EXDATE, moved and cancelled occurrences (RECURRENCE-ID), and the file's time zones.
public struct CalendarExpansion: Sendable {
    /// X-WR-CALNAME.
    public var name: String?
    /// Sorted by start, at most `maxOccurrences`.
    public var occurrences: [CalendarOccurrence]
    /// One message per event left out (broken, or recurring too often to expand).
    public var skipped: [String]
    /// More than `maxOccurrences` fell in the window; the first ones are kept.
    public var truncated: Bool

    /// Occurrences expanded per round, so that a rule repeating every minute costs little.
    public static let maxOccurrences = 2_000
    /// Steps of recurrence iteration per event, counted from the window's start where the rule
    /// allows it and from DTSTART for a rule with COUNT.
    static let maxSteps = 200_000

    /// The occurrences overlapping `window` of the iCalendar text; nil when it is not one.
    /// Floating times and all-day dates are read in `floating`.
    public static func expand(_ text: String, window: Range<Date>, floating: Zone) -> CalendarExpansion? {
        // libical keeps its error state and its built-in zones in globals: one expansion at a time.
        lock.withLock { _ in expandAlone(text, window: window, floating: floating) }
    }

    private static let lock = Mutex(())

    private static func expandAlone(_ text: String, window: Range<Date>, floating: Zone) -> CalendarExpansion? {
        _ = ICalComponent.setUp
        guard let root = text.withCString({ icalparser_parse_string($0) }) else { return nil }
        defer { icalcomponent_free(root) }
        let top = ICalComponent(pointer: root)
        let calendar =
            icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT ? top : top.children(ICAL_VCALENDAR_COMPONENT).first
        guard let calendar else { return nil }
        var expander = CalendarExpander(window: window, clock: ICalClock(floating: floating))
        expander.expand(calendar.children(ICAL_VEVENT_COMPONENT))
        return CalendarExpansion(
            name: calendar.extended("X-WR-CALNAME"), occurrences: expander.occurrences, skipped: expander.skipped,
            truncated: expander.truncated)
    }
}

/// The expansion's work: one pass over the overrides, then each series.
struct CalendarExpander {
    let window: Range<Date>
    let clock: ICalClock
    var occurrences: [CalendarOccurrence] = []
    var skipped: [String] = []
    var truncated = false

    /// How long each occurrence of an event lasts: exact seconds, or whole local days.
    enum Length {
        case seconds(Double)
        case days(Int)
    }

    /// What every occurrence of one VEVENT shares.
    struct Event {
        var component: ICalComponent
        var uid: String
        var start: icaltimetype
        var tzid: String?
        var starts: Date
        var length: Length
    }

    mutating func expand(_ events: [ICalComponent]) {
        var replaced: Set<String> = []
        var series: [ICalComponent] = []
        for component in events {
            guard let property = component.property(ICAL_RECURRENCEID_PROPERTY) else {
                series.append(component)
                continue
            }
            guard let uid = component.text(ICAL_UID_PROPERTY),
                let recurrence = clock.instant(of: property, in: component)
            else {
                skip(component, "has a RECURRENCE-ID that is not a date, or no UID")
                continue
            }
            // The occurrence it names gives way, whether it moved or was cancelled.
            replaced.insert(Self.key(uid, recurrence.date))
            guard !component.isCancelled, let event = event(component) else { continue }
            add(event, at: event.starts)
        }
        for component in series where !component.isCancelled {
            guard let event = event(component) else { continue }
            addSeries(event, replaced: replaced)
        }
        occurrences.sort { ($0.starts, $0.uid) < ($1.starts, $1.uid) }
    }

    static func key(_ uid: String, _ date: Date) -> String { "\(uid)\u{0}\(date.timeIntervalSince1970)" }

    /// The VEVENT's identity, start and length; nil (and noted) when it has none usable.
    mutating func event(_ component: ICalComponent) -> Event? {
        guard let uid = component.text(ICAL_UID_PROPERTY) else {
            skip(component, "has no UID")
            return nil
        }
        guard let property = component.property(ICAL_DTSTART_PROPERTY),
            case let start = icalproperty_get_datetime_with_component(property, component.pointer),
            icaltime_is_null_time(start) == 0, icaltime_is_valid_time(start) != 0
        else {
            skip(component, "has no valid DTSTART")
            return nil
        }
        let tzid = ICalComponent.tzid(of: property)
        let starts = clock.instant(start, tzid: tzid)
        guard let length = length(component, starts: starts, allDay: start.is_date != 0) else {
            skip(component, "ends before it starts")
            return nil
        }
        return Event(component: component, uid: uid, start: start, tzid: tzid, starts: starts, length: length)
    }

    private func length(_ component: ICalComponent, starts: Date, allDay: Bool) -> Length? {
        var seconds: Double?
        if let property = component.property(ICAL_DTEND_PROPERTY), let end = clock.instant(of: property, in: component)
        {
            if allDay {
                let days = clock.dayNumber(end.date) - clock.dayNumber(starts)
                return days < 0 ? nil : .days(days)
            }
            seconds = end.date.timeIntervalSince(starts)
        } else if let property = component.property(ICAL_DURATION_PROPERTY) {
            seconds = Double(icaldurationtype_as_int(icalproperty_get_duration(property)))
            if allDay, let seconds { return seconds < 0 ? nil : .days(Int((seconds / 86_400).rounded(.up))) }
        }
        guard let seconds else { return allDay ? .days(1) : .seconds(0) }
        return seconds < 0 ? nil : .seconds(seconds)
    }

    func ends(_ event: Event, startingAt starts: Date) -> Date {
        switch event.length {
        case .seconds(let seconds): starts.addingTimeInterval(seconds)
        case .days(let days): clock.floating.addingDays(days, to: clock.floating.startOfDay(starts))
        }
    }

    mutating func skip(_ component: ICalComponent, _ reason: String) {
        let summary = component.text(ICAL_SUMMARY_PROPERTY).map { " '\(ControlCharacters.escaped($0))'" } ?? ""
        let uid = component.text(ICAL_UID_PROPERTY).map { " (UID \(ControlCharacters.escaped($0)))" } ?? ""
        skipped.append("event\(summary)\(uid) \(reason); left out")
    }
}
