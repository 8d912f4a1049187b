import FoundationEssentials
public import SkyltCore

/// How the play loop behaves on this kiosk. Plain values: what happens on a switch (status
/// file, screenshot, proof of play, watchdog) is for `PlayObserver`s, not for settings.
public struct PlayerOptions: Sendable {
    /// Shown on the identify and no-content screens.
    public var kioskName: String
    /// Display languages, in the order translated slides cycle through them.
    public var languages: [String]
    public var crossfadeSeconds: Double = 0.5
    public var fadeFramesPerSecond: Double = 30
    /// Stop cleanly after this long.
    public var exitAfterSeconds: Double?
    /// Addresses shown on the identify and no-content screens, asked for when they are drawn.
    public var addresses: @Sendable () -> [String] = { [] }
    /// The loop wakes at least this often while a slide shows, so observers can prove it alive.
    public var heartbeatSeconds: Double?
    /// The longest the loop waits for one slide to be composed (on a worker thread, in real
    /// seconds); a slide in a language that takes longer is skipped until the program changes.
    public var maxComposeSeconds = PlayerOptions.defaultMaxComposeSeconds
    /// A few seconds: a slide within the text and image caps composes in well under one on a
    /// kiosk, and the watchdog is pinged while the loop waits anyway.
    public static let defaultMaxComposeSeconds = 5.0
    /// A switch later than this after its deadline counts as missed.
    public var missedDeadlineSeconds = 0.1
    /// What tells the system clock from a wrong one.
    public var clockTrust = ClockTrust(buildTime: .distantPast, lastSeen: nil, newestPublication: nil)

    public init(kioskName: String, languages: [String]) {
        self.kioskName = kioskName
        self.languages = languages
    }
}
