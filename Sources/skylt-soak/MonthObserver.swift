import SkyltCore
import SkyltPlayer
import Synchronization

/// Counts what the play loop does in a simulated month: switches (per day), missed
/// deadlines, slides shown and dark or empty screens.
final class MonthObserver: PlayObserver, Sendable {
    struct Counts: Sendable {
        var switches = 0
        var missed = 0
        var slides = 0
        var empty = 0
        var dark = 0
        var lastShown = ""
        /// Seconds the slides were planned to show, summed: with `slides`, their mean length.
        var slideSeconds = 0.0
    }

    private let counts = Mutex(Counts())

    var current: Counts { counts.withLock { $0 } }

    func playLoop(_ event: PlayEvent) {
        guard case .switched(let change) = event else { return }
        counts.withLock { counts in
            counts.switches += 1
            if change.missedDeadline { counts.missed += 1 }
            if let slide = change.shown.slot.slide {
                counts.slides += 1
                counts.slideSeconds += change.shown.durationSeconds
                counts.lastShown = slide.slide.id
            } else if change.shown.dark {
                counts.dark += 1
            } else {
                counts.empty += 1
            }
        }
    }
}

/// Keeps the log's warnings and errors, counted, and the last few; the rest is dropped, so a
/// month of "showing …" lines costs nothing.
final class CountingLogHandler: LogHandler, Sendable {
    private let state = Mutex((warnings: 0, errors: 0, last: [String]()))

    func log(_ level: LogLevel, _ message: String) {
        guard level >= .warning else { return }
        state.withLock { state in
            if level == .warning { state.warnings += 1 } else { state.errors += 1 }
            state.last = Array((state.last + [message]).suffix(5))
        }
    }

    var figures: (warnings: Int, errors: Int, last: [String]) { state.withLock { $0 } }
}
