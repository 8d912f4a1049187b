import CICal
import FoundationEssentials
import SkyltCore

/// The occurrences of one series: DTSTART, each RRULE and RDATE, less EXDATE and the
/// occurrences that overrides replace.
extension CalendarExpander {
    mutating func addSeries(_ event: Event, replaced: Set<String>) {
        var starts: Set<Date> = [event.starts]
        // Each event has its own budget, so one that recurs too often leaves the others whole.
        var steps = 0
        for property in event.component.properties(ICAL_RRULE_PROPERTY) {
            guard recur(event, property, into: &starts, steps: &steps) else { return }
        }
        for property in event.component.properties(ICAL_RDATE_PROPERTY) {
            if let date = rdate(property, of: event) { starts.insert(date) }
        }
        for property in event.component.properties(ICAL_EXDATE_PROPERTY) {
            if let excluded = clock.instant(of: property, in: event.component) { starts.remove(excluded.date) }
        }
        for start in starts.sorted() where !replaced.contains(Self.key(event.uid, start)) {
            add(event, at: start)
        }
    }

    /// Adds the rule's starts that may overlap the window; false (and noted) when the rule
    /// cannot be read or recurs too often to expand.
    private mutating func recur(
        _ event: Event, _ property: OpaquePointer, into starts: inout Set<Date>, steps: inout Int
    ) -> Bool {
        let rule = icalproperty_get_rrule(property)
        let earliest = window.lowerBound.addingTimeInterval(-Self.longest(event.length))
        guard let iterator = iterator(rule, of: event, from: earliest) else {
            skip(event.component, "has an RRULE libical cannot follow")
            return false
        }
        defer { icalrecur_iterator_free(iterator) }
        while true {
            steps += 1
            guard steps <= CalendarExpansion.maxSteps else {
                skip(event.component, "recurs too often to expand")
                return false
            }
            let next = icalrecur_iterator_next(iterator)
            guard icaltime_is_null_time(next) == 0 else { return true }
            let start = clock.instant(next, tzid: event.tzid)
            if start >= window.upperBound { return true }
            if start >= earliest { starts.insert(start) }
        }
    }

    /// An iterator over the rule that starts near `earliest` rather than at DTSTART, so that an
    /// old series costs only the window's steps. A rule with COUNT must be counted from DTSTART.
    private func iterator(_ rule: icalrecurrencetype, of event: Event, from earliest: Date) -> OpaquePointer? {
        guard let iterator = icalrecur_iterator_new(rule, event.start) else { return nil }
        // A day early: floating times and zones libical did not resolve are read as UTC here.
        let from = earliest.addingTimeInterval(-Self.startMargin)
        guard rule.count == 0, from > event.starts else { return iterator }
        let time = icaltime_from_timet_with_zone(
            time_t(from.timeIntervalSince1970), event.start.is_date, event.start.zone)
        if icalrecur_iterator_set_start(iterator, time) != 0 { return iterator }
        icalrecur_iterator_free(iterator)
        return icalrecur_iterator_new(rule, event.start)
    }

    /// More than any zone's offset from UTC, so that starting early never misses an occurrence.
    private static let startMargin: Double = 86_400

    /// The longest an occurrence can last, to find those that began before the window.
    private static func longest(_ length: Length) -> Double {
        switch length {
        case .seconds(let seconds): seconds
        case .days(let days): Double(days + 1) * 86_400
        }
    }

    private func rdate(_ property: OpaquePointer, of event: Event) -> Date? {
        let value = icalproperty_get_rdate(property)
        var time = icaltime_is_null_time(value.time) == 0 ? value.time : value.period.start
        guard icaltime_is_null_time(time) == 0, icaltime_is_valid_time(time) != 0 else { return nil }
        let tzid = ICalComponent.tzid(of: property)
        if time.zone == nil, let tzid, icaltime_is_utc(time) == 0 {
            time.zone = icalcomponent_get_timezone(calendarOf(event), tzid)
        }
        return clock.instant(time, tzid: tzid)
    }

    private func calendarOf(_ event: Event) -> OpaquePointer? {
        icalcomponent_get_parent(event.component.pointer)
    }

    /// One occurrence, kept when it overlaps the window and the cap is not reached.
    mutating func add(_ event: Event, at starts: Date) {
        let ends = ends(event, startingAt: starts)
        let overlaps =
            ends > starts
            ? ends > window.lowerBound && starts < window.upperBound
            : starts >= window.lowerBound && starts < window.upperBound
        guard overlaps else { return }
        guard occurrences.count < CalendarExpansion.maxOccurrences else {
            truncated = true
            return
        }
        let component = event.component
        occurrences.append(
            CalendarOccurrence(
                uid: event.uid, summary: component.text(ICAL_SUMMARY_PROPERTY), starts: starts, ends: ends,
                allDay: event.start.is_date != 0, location: component.text(ICAL_LOCATION_PROPERTY),
                description: component.text(ICAL_DESCRIPTION_PROPERTY), url: component.text(ICAL_URL_PROPERTY),
                organiser: component.organiserName))
    }
}
