public import SkyltCompose

/// The screen when there is no display: it holds the frame on screen and the staged one, and
/// draws nothing, since nobody could see it. The play loop, composition, timing and snapshots
/// all run exactly as on a display.
///
/// It keeps references to the composed frames instead of copying them into display buffers,
/// so a headless player holds two frames in memory and no more.
public final class OffscreenScreen: Screen {
    public let driverName = "offscreen"
    public let isHeadless = true
    public let eventPollIntervalSeconds: Double? = nil
    public let width: Int
    public let height: Int
    public private(set) var current: Frame?
    public private(set) var staged: Frame?
    /// How often `draw` was called: a static slide must not add to it.
    public private(set) var drawCount = 0

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public func stage(_ frame: Frame) throws(ScreenError) {
        guard frame.width == width, frame.height == height else {
            throw ScreenError(
                operation: "stage", reason: "frame is \(frame.width)x\(frame.height), screen is \(width)x\(height)")
        }
        staged = frame
    }

    public func draw(fade: Double) { drawCount += 1 }

    public func promote() {
        guard let staged else { return }
        current = staged
        self.staged = nil
    }

    public func blank() { drawCount += 1 }

    public func pollEvents() -> [ScreenEvent] { [] }
}
