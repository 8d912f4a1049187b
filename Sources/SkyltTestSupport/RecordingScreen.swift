public import SkyltCompose
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
    /// Every frame promoted to the screen, in order.
    public private(set) var shownFrames: [Frame] = []
    private var staged: Frame?
    /// Called at each promote, so a test can change the world mid-playback.
    public var onPromote: ((Int) -> Void)?

    public init(eventPollIntervalSeconds: Double? = nil) {
        self.eventPollIntervalSeconds = eventPollIntervalSeconds
    }

    public func stage(_ frame: Frame) throws(ScreenError) {
        staged = frame
        calls.append(.stage(width: frame.width, height: frame.height))
    }

    public func draw(fade: Double) { calls.append(.draw(fade: fade)) }

    public func promote() {
        if let staged { shownFrames.append(staged) }
        staged = nil
        calls.append(.promote)
        onPromote?(shownFrames.count)
    }

    public func blank() { calls.append(.blank) }

    public func pollEvents() -> [ScreenEvent] { [] }

    public var drawCount: Int { calls.filter { if case .draw = $0 { return true } else { return false } }.count }
}
