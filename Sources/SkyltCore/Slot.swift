public import FoundationEssentials

/// What the screen shows for one stretch of time. The planner decides slides, closed time and
/// the no-content screen; the play loop adds the identify screen a technician asks for. Each
/// is its own case, so no channel name can be mistaken for one of them.
public enum Slot: Sendable, Equatable {
    /// A slide of the program, in one of its languages.
    case slide(ProgramSlide, language: String, reason: String)
    /// Outside opening hours: the screen is dark until `until` (nil: no opening ahead).
    case closed(until: Date?)
    /// The kiosk's name and addresses, large, for `identifySeconds`, so a technician finds the
    /// right screen.
    case identify
    /// Open, but nothing may play now: a calm screen with the kiosk's name.
    case noContent(reason: String)

    /// How long the identify screen holds, whatever else wants the screen.
    public static let identifySeconds = 30.0

    /// The case without its values, for records and comparisons.
    public enum Kind: String, Sendable, Equatable, Codable {
        case slide, closed, identify, noContent
    }

    public var kind: Kind {
        switch self {
        case .slide: .slide
        case .closed: .closed
        case .identify: .identify
        case .noContent: .noContent
        }
    }

    /// The slide shown, if this slot is one.
    public var slide: ProgramSlide? {
        if case .slide(let slide, _, _) = self { slide } else { nil }
    }

    /// Why this slot shows, for logs, `skylt plan` and the status page.
    public var reason: String {
        switch self {
        case .slide(_, _, let reason), .noContent(let reason): reason
        case .closed(let until): "outside opening hours" + (until.map { ", until \(ISO8601.format($0))" } ?? "")
        case .identify: "identify, asked for on the status page"
        }
    }

    /// `channel/slide` for a slide; for the other slots what a person reads in a log or on
    /// the status page.
    public var summary: String {
        switch self {
        case .slide(let slide, _, _): slide.key
        case .closed: "screen off"
        case .identify: "identify"
        case .noContent: "no content"
        }
    }
}
