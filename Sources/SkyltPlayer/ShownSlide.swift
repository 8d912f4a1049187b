public import FoundationEssentials
public import SkyltCore

/// One slot as it was shown: for observers, logs, tests and the status page.
public struct ShownSlide: Sendable, Equatable {
    public var slot: Slot
    /// The language drawn; empty for a dark screen and the identify screen.
    public var language: String
    /// Monotonic seconds when the switch to it began; slots follow each other exactly.
    public var shownAt: Double
    /// The wall-clock time of `shownAt`.
    public var start: Date
    public var durationSeconds: Double

    /// `channel/slide`, or nil for the slots that are not slides.
    public var key: String? { slot.slide?.key }
    public var reason: String { slot.reason }
    /// True while the screen is off outside opening hours.
    public var dark: Bool { slot.kind == .closed }

    /// What the planner remembers of it.
    var record: PlayRecord { PlayRecord(slot, start: start, seconds: durationSeconds) }
}
