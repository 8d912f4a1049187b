public import Foundation
public import SkyltCore

/// When one slide may be on the screens, as the kiosk reads it: its schedule's `validFrom`
/// and `validUntil`, and for an event its end (the kiosk takes an event off when it is over).
public struct SlideValidity: Sendable, Equatable {
    /// The slide's id in the playlist.
    public var slideID: String
    public var validFrom: Date?
    public var validUntil: Date?

    public init(slideID: String, validFrom: Date? = nil, validUntil: Date? = nil) {
        self.slideID = slideID
        self.validFrom = validFrom
        self.validUntil = validUntil
    }

    /// Over at `date`: the kiosk shows it no more (its `validUntil` is `date` or earlier).
    public func hasExpired(at date: Date) -> Bool { validUntil.map { $0 <= date } ?? false }
}

/// The instants at which what a channel shows changes by itself, and so the moments the
/// automatic publisher publishes at. Pure: the slides and the time are given.
public enum ValidityBoundaries {
    /// One slide becoming valid or expiring.
    public struct Boundary: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case becomesValid
            case expires
        }

        public var date: Date
        public var slideID: String
        public var kind: Kind

        public init(date: Date, slideID: String, kind: Kind) {
            self.date = date
            self.slideID = slideID
            self.kind = kind
        }

        /// What the audit log says of it: "slide X becomes valid" or "slide X expires".
        public var reason: String {
            switch kind {
            case .becomesValid: "slide \(slideID) becomes valid at \(ISO8601.format(date))"
            case .expires: "slide \(slideID) expires at \(ISO8601.format(date))"
            }
        }
    }

    /// Every boundary of `slides`, in time order.
    public static func all(in slides: [SlideValidity]) -> [Boundary] {
        var boundaries: [Boundary] = []
        for slide in slides {
            if let from = slide.validFrom {
                boundaries.append(Boundary(date: from, slideID: slide.slideID, kind: .becomesValid))
            }
            if let until = slide.validUntil {
                boundaries.append(Boundary(date: until, slideID: slide.slideID, kind: .expires))
            }
        }
        return boundaries.sorted { ($0.date, $0.slideID) < ($1.date, $1.slideID) }
    }

    /// The first boundary strictly after `now`; nil when none is ahead.
    public static func next(after now: Date, in slides: [SlideValidity]) -> Boundary? {
        all(in: slides).first { $0.date > now }
    }

    /// The boundaries after `since` up to and including `now`: what changed on the screens
    /// since a publish made at `since`.
    public static func passed(after since: Date, upTo now: Date, in slides: [SlideValidity]) -> [Boundary] {
        all(in: slides).filter { $0.date > since && $0.date <= now }
    }

    /// The validity of one slide object of playlist.json, read as `SlideReader` reads it:
    /// dates with their own offsets (ISO 8601, the kiosk's parser), and an event without an
    /// end over at the end of its start's day in the playlist's time zone. Nil for an object
    /// without an id; a date that does not parse counts as absent (the publish check refuses
    /// such a slide anyway).
    public static func validity(of slide: JSONValue, timeZone: TimeZone) -> SlideValidity? {
        guard case .object(let fields) = slide, case .string(let id) = fields["id"] ?? .null else { return nil }
        var validity = SlideValidity(slideID: id)
        if case .object(let schedule) = fields["schedule"] ?? .null {
            validity.validFrom = date(schedule["validFrom"])
            validity.validUntil = date(schedule["validUntil"])
        }
        if case .string("event") = fields["template"] ?? .null, let starts = date(fields["starts"]) {
            let local = LocalTime(timeZone: Zone(identifier: timeZone.identifier) ?? .stockholm)
            let over = date(fields["ends"]) ?? local.addingDays(1, to: local.startOfDay(starts))
            validity.validUntil = min(validity.validUntil ?? over, over)
        }
        return validity
    }

    /// The playlist's `timeZone`; Europe/Stockholm when it has none, as the reader defaults
    /// (one the system does not know is refused by the reader before anything is published).
    public static func timeZone(of root: [String: JSONValue]) -> TimeZone {
        if case .string(let name) = root["timeZone"] ?? .null, let zone = TimeZone(identifier: name) { return zone }
        return TimeZone(identifier: "Europe/Stockholm") ?? .current
    }

    private static func date(_ value: JSONValue?) -> Date? {
        guard case .string(let text) = value ?? .null else { return nil }
        return ISO8601.parse(text)
    }
}
