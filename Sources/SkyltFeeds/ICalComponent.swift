import CICal
import FoundationEssentials
import SkyltCore

/// Reading libical's components: their properties, texts and times as Skylt needs them.
/// The pointers are owned by the parsed calendar, which outlives every use here.
struct ICalComponent {
    let pointer: OpaquePointer

    /// libical reports most problems through a global error state; by default some builds stop
    /// the program on them, which a hostile calendar must never do.
    static let setUp: Void = { icalerror_set_errors_are_fatal(0) }()

    func properties(_ kind: icalproperty_kind) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        var property = icalcomponent_get_first_property(pointer, kind)
        while let current = property {
            found.append(current)
            property = icalcomponent_get_next_property(pointer, kind)
        }
        return found
    }

    func children(_ kind: icalcomponent_kind) -> [ICalComponent] {
        var found: [ICalComponent] = []
        var child = icalcomponent_get_first_component(pointer, kind)
        while let current = child {
            found.append(ICalComponent(pointer: current))
            child = icalcomponent_get_next_component(pointer, kind)
        }
        return found
    }

    func property(_ kind: icalproperty_kind) -> OpaquePointer? {
        icalcomponent_get_first_property(pointer, kind)
    }

    /// A text property's value (libical has undone its escapes); nil when missing or blank.
    func text(_ kind: icalproperty_kind) -> String? {
        guard let property = property(kind), let value = icalproperty_get_value_as_string(property) else {
            return nil
        }
        let text = Self.unescaped(String(cString: value))
        return text.trimmed.isEmpty ? nil : text
    }

    /// The value of an `X-` property named `name` (X-WR-CALNAME).
    func extended(_ name: String) -> String? {
        for property in properties(ICAL_X_PROPERTY) {
            guard let xName = icalproperty_get_x_name(property), String(cString: xName) == name,
                let value = icalproperty_get_x(property)
            else { continue }
            let text = Self.unescaped(String(cString: value))
            if !text.trimmed.isEmpty { return text }
        }
        return nil
    }

    /// The common name (CN) of the ORGANIZER.
    var organiserName: String? {
        guard let property = property(ICAL_ORGANIZER_PROPERTY),
            let parameter = icalproperty_get_first_parameter(property, ICAL_CN_PARAMETER),
            let name = icalparameter_get_cn(parameter)
        else { return nil }
        let text = String(cString: name)
        return text.trimmed.isEmpty ? nil : text
    }

    var isCancelled: Bool { icalcomponent_get_status(pointer) == ICAL_STATUS_CANCELLED }

    /// The TZID parameter of a date-time property, when it names one.
    static func tzid(of property: OpaquePointer) -> String? {
        guard let parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER),
            let tzid = icalparameter_get_tzid(parameter)
        else { return nil }
        return String(cString: tzid)
    }

    /// Text values as iCalendar writes them: `\,` `\;` `\n` `\\`. libical's string form keeps
    /// them escaped.
    static func unescaped(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                result.append(character == "n" || character == "N" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// Turns libical's times into instants: a zone from the file's VTIMEZONE, UTC, a zone named by
/// TZID that the file does not describe, or floating (the channel's zone).
struct ICalClock {
    let floating: Zone

    /// The instant of `time`, read in the zone libical resolved, else the TZID's zone, else
    /// the floating zone; dates are midnight in the floating zone.
    func instant(_ time: icaltimetype, tzid: String?) -> Date {
        let civil = CivilTime(
            year: Int(time.year), month: Int(time.month), day: Int(time.day),
            hour: time.is_date != 0 ? 0 : Int(time.hour), minute: time.is_date != 0 ? 0 : Int(time.minute),
            second: time.is_date != 0 ? 0 : Int(time.second))
        if time.is_date != 0 { return floating.date(civil) }
        if let zone = time.zone {
            return Date(timeIntervalSince1970: Double(icaltime_as_timet_with_zone(time, zone)))
        }
        if let tzid, let zone = Zone(identifier: tzid) { return zone.date(civil) }
        return floating.date(civil)
    }

    /// The local day `date` falls on, counted from 1 January 1970: all-day events last whole days.
    func dayNumber(_ date: Date) -> Int {
        let civil = floating.civil(date)
        let midnight = Zone.gmt.date(CivilTime(year: civil.year, month: civil.month, day: civil.day))
        return Int((midnight.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// The instant of a DTSTART, DTEND, RECURRENCE-ID or EXDATE property of `component`.
    func instant(of property: OpaquePointer, in component: ICalComponent) -> (date: Date, isDate: Bool)? {
        let time = icalproperty_get_datetime_with_component(property, component.pointer)
        guard icaltime_is_null_time(time) == 0, icaltime_is_valid_time(time) != 0 else { return nil }
        return (instant(time, tzid: ICalComponent.tzid(of: property)), time.is_date != 0)
    }
}
