public import SkyltCompose
public import SkyltCore
public import SkyltPlayer

/// A screen that records what the play loop asks of it, for tests.
public final class RecordingScreen: Screen {
    public enum Call: Equatable, Sendable {
        case stage(width: Int, height: Int)
        case draw(fade: Double)
        case promote
        case blank
    }

    public let driverName = "recording"
    public let isHeadless = true
    public let eventPollIntervalSeconds: Double?
    public private(set) var calls: [Call] = []
    /// Each call with the clock's time when it came, when a clock was given.
    public private(set) var times: [Double] = []
    private let clock: (any LoopClock)?
    /// Every frame promoted to the screen, in order.
    public private(set) var shownFrames: [Frame] = []
    private var staged: Frame?
    /// Called at each promote, so a test can change the world mid-playback.
    public var onPromote: ((Int) -> Void)?

    public init(eventPollIntervalSeconds: Double? = nil, clock: (any LoopClock)? = nil) {
        self.eventPollIntervalSeconds = eventPollIntervalSeconds
        self.clock = clock
    }

    private func log(_ call: Call) {
        calls.append(call)
        times.append(clock?.now ?? 0)
    }

    public func stage(_ frame: Frame) throws(ScreenError) {
        staged = frame
        log(.stage(width: frame.width, height: frame.height))
    }

    public func draw(fade: Double) { log(.draw(fade: fade)) }

    public func promote() {
        if let staged { shownFrames.append(staged) }
        staged = nil
        log(.promote)
        onPromote?(shownFrames.count)
    }

    public func blank() { log(.blank) }

    public func pollEvents() -> [ScreenEvent] { [] }

    public var drawCount: Int { calls.filter { if case .draw = $0 { return true } else { return false } }.count }
}
