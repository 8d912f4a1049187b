import FoundationEssentials
@preconcurrency import Glibc
public import SkyltCore
public import SkyltPlayer

/// Tells systemd the player is ready at its first switch, dark or not (a kiosk started outside
/// opening hours is ready too, with the screen off), and logs how long the first frame took
/// from the start of the process once one is on screen.
public final class FirstFrameReporter: PlayObserver {
    private let clock: any LoopClock
    private let logger: Logger
    private let ready: () -> Void
    /// The clock's time at creation, and the process's age then.
    private let createdAt: Double
    private let ageAtCreation: Double
    private var readySent = false

    public init(clock: any LoopClock, logger: Logger, ready: @escaping () -> Void) {
        self.clock = clock
        self.logger = logger
        self.ready = ready
        createdAt = clock.now
        ageAtCreation = Self.processAgeSeconds() ?? 0
    }

    public func playLoop(_ event: PlayEvent) {
        switch event {
        case .firstFrame(let at):
            let milliseconds = (ageAtCreation + at - createdAt) * 1000
            logger.info(
                "first frame on screen \(NumberText.fixed(milliseconds, decimals: 0)) ms after the process started")
        case .switched where !readySent:
            readySent = true
            ready()
        default:
            break
        }
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
