public import SkyltCompose
public import SkyltCore

/// What the play loop tells the rest of the kiosk: the status file, the screenshot, the proof
/// of play, the status page and the watchdog each observe it, so that the loop itself only
/// stages, waits and draws.
///
/// Called on the loop's thread, in order. An observer must return quickly: a slow one holds up
/// the switch it is told about.
public protocol PlayObserver: AnyObject {
    func playLoop(_ event: PlayEvent)
}

/// One thing that happened in the play loop.
public enum PlayEvent {
    /// The loop woke and advances: proof that it is alive, for the watchdog.
    case heartbeat
    /// A slide was composed in `seconds`.
    case composed(template: String, seconds: Double)
    /// The first frame is on screen, at monotonic time `at`.
    case firstFrame(at: Double)
    /// A new slot is on screen.
    case switched(PlaySwitch)
    /// A slot left the screen after `seconds` on it: proof of play for a slide.
    case finished(ShownSlide, seconds: Double)
    /// A slide (its key, "channel/id") was left out: it cannot be drawn, or not in time.
    case skipped(slide: String, reason: String)
}

/// A switch to a new slot, with what a status report needs to say about it.
public struct PlaySwitch {
    public var shown: ShownSlide
    /// The frame now on screen; nil while the screen is dark.
    public var frame: Frame?
    /// What is composed to follow, if nothing cuts in.
    public var upcoming: ShownSlide?
    /// The switch came later than `PlayerOptions.missedDeadlineSeconds` after its deadline.
    public var missedDeadline: Bool
    public var slidesInProgram: Int
    /// Whether the system clock was trusted at the switch.
    public var clockTrusted: Bool
    /// The program's data slides too old to show at the switch, and why.
    public var staleData: [StaleSlide] = []
}
