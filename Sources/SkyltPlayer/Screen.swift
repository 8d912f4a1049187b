public import SkyltCompose

/// Where frames are shown. The play loop stages the coming frame ahead of its deadline, so a
/// switch only blends and swaps what is already uploaded.
///
/// Screens are used from the thread that created them (SDL's rule), never shared.
public protocol Screen: AnyObject {
    /// What drives it, for logs: "x11", "kmsdrm", "dummy", "recording".
    var driverName: String { get }
    /// True when nobody can see it (no display): frames then only go to snapshots.
    var isHeadless: Bool { get }
    /// The longest the play loop may sleep before calling `pollEvents` (window events need
    /// pumping); nil when the screen has no events.
    var eventPollIntervalSeconds: Double? { get }

    /// Uploads the frame that comes next.
    func stage(_ frame: Frame) throws(ScreenError)
    /// Draws the current frame with the staged one over it at `fade` (0 = only the current,
    /// 1 = only the staged), and presents the result.
    func draw(fade: Double)
    /// Makes the staged frame the current one.
    func promote()
    /// Shows black, for when the display is off.
    func blank()
    /// Events since the last call.
    func pollEvents() -> [ScreenEvent]
}

/// What a screen can report to the play loop.
public enum ScreenEvent: Sendable, Equatable {
    /// The window was closed or the session asked the program to quit.
    case quit
    /// The window was uncovered or resized: draw again.
    case redraw
}

/// A screen failed to open or to take a frame, with SDL's own explanation.
public struct ScreenError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var reason: String

    public init(operation: String, reason: String) {
        self.operation = operation
        self.reason = reason
    }

    public var description: String { "\(operation): \(reason)" }
}
