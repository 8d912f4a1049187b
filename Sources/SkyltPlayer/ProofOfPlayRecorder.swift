public import SkyltCore

/// Appends every slide that left the screen to the play log, with the seconds it really
/// showed: a slide cut short by an urgent notice counts only its part.
public final class ProofOfPlayRecorder: PlayObserver {
    private let log: PlayLog

    public init(log: PlayLog) { self.log = log }

    public func playLoop(_ event: PlayEvent) {
        guard case .finished(let shown, let seconds) = event, let slide = shown.slot.slide, seconds > 0 else { return }
        log.append(slide: slide.slide.id, channel: slide.channel, start: shown.start, seconds: seconds)
    }
}
