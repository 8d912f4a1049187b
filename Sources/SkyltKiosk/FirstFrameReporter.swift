import Foundation
@preconcurrency import Glibc
public import SkyltCore
public import SkyltPlayer

/// Logs how long the first frame took from the start of the process, once it is on screen,
/// and tells systemd the player is ready.
public final class FirstFrameReporter: PlayObserver {
    private let clock: any LoopClock
    private let logger: Logger
    private let ready: () -> Void
    /// The clock's time at creation, and the process's age then.
    private let createdAt: Double
    private let ageAtCreation: Double

    public init(clock: any LoopClock, logger: Logger, ready: @escaping () -> Void) {
        self.clock = clock
        self.logger = logger
        self.ready = ready
        createdAt = clock.now
        ageAtCreation = Self.processAgeSeconds() ?? 0
    }

    public func playLoop(_ event: PlayEvent) {
        guard case .firstFrame(let at) = event else { return }
        let milliseconds = (ageAtCreation + at - createdAt) * 1000
        logger.info(String(format: "first frame on screen %.0f ms after the process started", milliseconds))
        ready()
    }

    /// Seconds since the kernel started this process (10 ms resolution), from /proc/self/stat
    /// field 22 against the boot-time clock.
    static func processAgeSeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
        var now = timespec()
        clock_gettime(CLOCK_BOOTTIME, &now)
        let boot = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
        return boot - ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
