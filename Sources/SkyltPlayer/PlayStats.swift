/// Counts the loop keeps about itself, for the log line at exit and for tests. Timings go to
/// observers as events (`PlayEvent.composed`), so nothing here grows while the kiosk runs.
public struct PlayStats: Sendable, Equatable {
    /// Monotonic seconds when `run()` began.
    public var started: Double = 0
    /// Monotonic seconds when the first frame was on screen.
    public var firstFrameAt: Double?
    public var switches = 0
    /// Slides that could not be drawn and were left out.
    public var skipped = 0
}
