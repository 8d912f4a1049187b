import SkyltCore
public import SkyltPlayer

/// Records what the play loop tells its observers, for tests.
public final class RecordingObserver: PlayObserver {
    public private(set) var events: [PlayEvent] = []
    /// Called at each event, so a test can act at a given moment (on the loop's thread).
    public var onEvent: ((PlayEvent) -> Void)?

    public init() {}

    public func playLoop(_ event: PlayEvent) {
        events.append(event)
        onEvent?(event)
    }

    /// Every slot shown, in order.
    public var shown: [ShownSlide] {
        events.compactMap { if case .switched(let change) = $0 { change.shown } else { nil } }
    }

    /// Every switch, in order.
    public var switches: [PlaySwitch] {
        events.compactMap { if case .switched(let change) = $0 { change } else { nil } }
    }

    /// Every slot that left the screen, with the seconds it showed.
    public var finished: [(shown: ShownSlide, seconds: Double)] {
        events.compactMap { if case .finished(let shown, let seconds) = $0 { (shown, seconds) } else { nil } }
    }

    public var heartbeats: Int { events.filter { if case .heartbeat = $0 { true } else { false } }.count }

    /// The template and seconds of each composition.
    public var compositions: [(template: String, seconds: Double)] {
        events.compactMap { if case .composed(let template, let seconds) = $0 { (template, seconds) } else { nil } }
    }
}
