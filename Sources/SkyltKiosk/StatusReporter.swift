public import FoundationEssentials
public import SkyltCore
public import SkyltPlayer
public import SkyltStatus

/// Tells the world what the play loop does: `status.json` in the state directory and the
/// status page at each switch, systemd's watchdog and status line while it advances.
public final class StatusReporter: PlayObserver {
    /// What the snapshot says of the kiosk beyond the switch itself.
    public struct Facts: Sendable {
        public var kioskID, kioskName: String
        public var timeZone: Zone
        public var clockTrust: ClockTrust
        /// The channels' state, asked for at each switch.
        public var channels: @Sendable () -> [ChannelState]
        /// Which program plays (`ProgramStore.generation`): skipped slides are forgotten when
        /// it changes, since the new program may have mended them.
        public var programGeneration: @Sendable () -> Int = { 0 }

        public init(
            kioskID: String, kioskName: String, timeZone: Zone, clockTrust: ClockTrust,
            channels: @escaping @Sendable () -> [ChannelState]
        ) {
            self.kioskID = kioskID
            self.kioskName = kioskName
            self.timeZone = timeZone
            self.clockTrust = clockTrust
            self.channels = channels
        }
    }

    private let facts: Facts
    private let folder: URL?
    private let hub: StatusHub
    private let notifier: Notifier
    private let logger: Logger
    /// Slides skipped since the program changed, the latest skip of each, oldest first; only
    /// the play loop's thread touches it.
    private var skipped: (generation: Int, slides: [SkippedSlide]) = (0, [])

    /// Skipped slides the status keeps; beyond, the oldest are dropped.
    static let maxSkippedSlides = 20

    /// Writes `status.json` into `folder` when there is one.
    public init(facts: Facts, folder: URL?, hub: StatusHub, notifier: Notifier, logger: Logger) {
        self.facts = facts
        self.folder = folder
        self.hub = hub
        self.notifier = notifier
        self.logger = logger
    }

    public func playLoop(_ event: PlayEvent) {
        switch event {
        case .heartbeat:
            hub.beat()
            notifier.watchdog()
        case .composed(_, let seconds):
            hub.composed(seconds: seconds)
        case .switched(let change):
            report(change)
        case .skipped(let slide, let reason):
            noteSkipped(slide: slide, reason: reason)
        case .firstFrame, .finished:
            break
        }
    }

    /// Keeps the skip for the status (and says it at once on the page), the latest per slide.
    func noteSkipped(slide: String, reason: String, now: Date = Date()) {
        var slides = currentSkipped()
        slides.removeAll { $0.slide == slide }
        slides.append(SkippedSlide(slide: slide, reason: reason, at: now))
        skipped.slides = Array(slides.suffix(Self.maxSkippedSlides))
        hub.skipped(skipped.slides)
    }

    /// The skipped slides, emptied first when the program has changed since.
    private func currentSkipped() -> [SkippedSlide] {
        let generation = facts.programGeneration()
        if generation != skipped.generation { skipped = (generation, []) }
        return skipped.slides
    }

    private func report(_ change: PlaySwitch) {
        let snapshot = self.snapshot(of: change)
        hub.switched(
            to: snapshot, frame: change.frame, next: change.upcoming?.slot.summary,
            missedDeadline: change.missedDeadline)
        notifier.status("showing \(change.shown.slot.summary)")
        guard let folder else { return }
        do {
            try snapshot.write(to: folder)
        } catch {
            logger.warning(
                "cannot write \(folder.appendingPathComponent(StatusSnapshot.fileName).path): \(FileProblem.describe(error))"
            )
        }
    }

    /// The status snapshot of a switch.
    func snapshot(of change: PlaySwitch, now: Date = Date()) -> StatusSnapshot {
        let shown = change.shown
        let slide = shown.slot.slide
        var status = StatusSnapshot(
            kioskID: facts.kioskID, kioskName: facts.kioskName, timeZone: facts.timeZone.identifier,
            clockTrusted: change.clockTrusted, clockNotBefore: facts.clockTrust.notBefore,
            clockReason: facts.clockTrust.reason, display: shown.dark ? "off" : "on",
            showing: .init(
                slide: slide?.slide.id, channel: slide?.channel, language: slide == nil ? nil : shown.language,
                reason: shown.reason, since: ISO8601.format(shown.start)),
            slidesInProgram: change.slidesInProgram, written: now)
        status.channels = facts.channels()
        status.skipped = currentSkipped()
        status.staleData = change.staleData
        return status
    }
}
