import Foundation
import SkyltCore
import SkyltStudio
import Testing

@Suite("validity boundaries of a channel's slides")
struct ValidityBoundariesTests {
    static let stockholm = TimeZone(identifier: "Europe/Stockholm")!

    static func date(_ text: String) -> Date { ISO8601.parse(text)! }

    static func json(_ text: String) throws -> JSONValue { try JSONValue.parse(Data(text.utf8)) }

    @Test("a schedule's validFrom and validUntil are read with their own offsets")
    func schedule() throws {
        let slide = try Self.json(
            """
            {"id": "a", "template": "notice", "schedule":
                {"validFrom": "2026-12-01T08:00:00+01:00", "validUntil": "2026-12-01T12:00:00-05:00"}}
            """)
        let validity = ValidityBoundaries.validity(of: slide, timeZone: Self.stockholm)
        #expect(validity?.validFrom == Self.date("2026-12-01T07:00:00Z"))
        #expect(validity?.validUntil == Self.date("2026-12-01T17:00:00Z"))
        #expect(validity?.hasExpired(at: Self.date("2026-12-01T16:59:59Z")) == false)
        #expect(validity?.hasExpired(at: Self.date("2026-12-01T17:00:00Z")) == true)
    }

    @Test("an event is over at its end, or without one at the end of its day in the playlist's time zone")
    func event() throws {
        let ending = try Self.json(
            """
            {"id": "e", "template": "event", "starts": "2026-12-12T11:00:00+01:00",
             "ends": "2026-12-12T16:00:00+01:00", "schedule": {"validUntil": "2026-12-20T00:00:00+01:00"}}
            """)
        #expect(
            ValidityBoundaries.validity(of: ending, timeZone: Self.stockholm)?.validUntil
                == Self.date("2026-12-12T16:00:00+01:00"))
        let open = try Self.json(#"{"id": "f", "template": "event", "starts": "2026-12-12T23:30:00+01:00"}"#)
        #expect(
            ValidityBoundaries.validity(of: open, timeZone: Self.stockholm)?.validUntil
                == Self.date("2026-12-13T00:00:00+01:00"))
        let newYork = TimeZone(identifier: "America/New_York")!
        #expect(
            ValidityBoundaries.validity(of: open, timeZone: newYork)?.validUntil
                == Self.date("2026-12-13T00:00:00-05:00"))
        let always = try Self.json(#"{"id": "g", "template": "info"}"#)
        #expect(ValidityBoundaries.validity(of: always, timeZone: newYork) == SlideValidity(slideID: "g"))
    }

    @Test("the time zone is the playlist's, Europe/Stockholm when it names none")
    func timeZone() {
        #expect(
            ValidityBoundaries.timeZone(of: ["timeZone": .string("Europe/Helsinki")]).identifier == "Europe/Helsinki")
        #expect(ValidityBoundaries.timeZone(of: [:]).identifier == "Europe/Stockholm")
    }

    @Test("the next boundary is the first strictly after now; passed ones lie after the publish, up to now")
    func nextAndPassed() {
        let t1 = Self.date("2026-12-01T08:00:00Z")
        let t2 = Self.date("2026-12-02T08:00:00Z")
        let t3 = Self.date("2026-12-03T08:00:00Z")
        let slides = [
            SlideValidity(slideID: "b", validFrom: t1, validUntil: t3),
            SlideValidity(slideID: "a", validUntil: t2),
            SlideValidity(slideID: "always"),
        ]
        #expect(
            ValidityBoundaries.next(after: t1.addingTimeInterval(-1), in: slides)
                == .init(date: t1, slideID: "b", kind: .becomesValid))
        #expect(ValidityBoundaries.next(after: t1, in: slides) == .init(date: t2, slideID: "a", kind: .expires))
        #expect(ValidityBoundaries.next(after: t3, in: slides) == nil)
        #expect(ValidityBoundaries.passed(after: t1, upTo: t2, in: slides).map(\.slideID) == ["a"])
        #expect(ValidityBoundaries.passed(after: t1.addingTimeInterval(-1), upTo: t3, in: slides).count == 3)
        #expect(ValidityBoundaries.passed(after: t3, upTo: t3.addingTimeInterval(3600), in: slides).isEmpty)
        #expect(
            ValidityBoundaries.Boundary(date: t2, slideID: "a", kind: .expires).reason
                == "slide a expires at 2026-12-02T08:00:00Z")
    }
}
