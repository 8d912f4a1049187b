import Dispatch
@preconcurrency import Glibc
public import SkyltCore

/// Turns the TV off and on at opening-hours changes by running the config's commands (for
/// example `cec-ctl --standby`). Each runs without a shell, with a time limit; a failure is
/// logged and never stops playback.
///
/// The commands run one after another on a queue of their own, never on the play loop's
/// thread: a TV that takes its time to answer over CEC must not hold up the loop, its
/// watchdog pings or an urgent notice. Off and on keep the order in which they were asked.
public final class DisplayPower: Sendable {
    public let offCommand: [String]?
    public let onCommand: [String]?
    /// A command still running after this many seconds is stopped.
    public let timeoutSeconds: Double
    /// The default time limit of a command.
    public static let defaultTimeoutSeconds = 10.0
    /// After SIGTERM, a command gets this long before SIGKILL.
    public static let killGraceSeconds = 2.0
    /// How often a running command is checked for its end.
    static let pollSeconds = 0.05

    private let queue = DispatchQueue(label: "skylt.display-power")
    private let logger: Logger

    public init(
        off: [String]?, on: [String]?, timeoutSeconds: Double = DisplayPower.defaultTimeoutSeconds,
        logger: Logger = .standard
    ) {
        offCommand = off
        onCommand = on
        self.timeoutSeconds = timeoutSeconds
        self.logger = logger
    }

    func turnOff() { start(offCommand, what: "displayOff") }
    func turnOn() { start(onCommand, what: "displayOn") }

    /// Blocks until every command asked for so far has ended (tests wait on it).
    public func waitUntilIdle() { queue.sync {} }

    private func start(_ command: [String]?, what: String) {
        guard let command, !command.isEmpty else { return }
        let timeout = timeoutSeconds
        let logger = logger
        queue.async { Self.run(command, what: what, timeoutSeconds: timeout, logger: logger) }
    }

    private static func run(_ command: [String], what: String, timeoutSeconds: Double, logger: Logger) {
        let shown = command.joined(separator: " ")
        let process: SpawnedCommand
        do {
            process = try SpawnedCommand(command)
        } catch {
            logger.warning("\(what) command \(shown) could not start: \(FileProblem.describe(error))")
            return
        }
        guard process.waitForExit(seconds: timeoutSeconds, poll: pollSeconds) else {
            process.signal(SIGTERM)
            if !process.waitForExit(seconds: killGraceSeconds, poll: pollSeconds) {
                process.signal(SIGKILL)
            }
            process.waitUntilExit()
            logger.warning(
                "\(what) command \(shown) took longer than \(formatSeconds(timeoutSeconds)) s and was stopped")
            return
        }
        switch process.ending {
        case .signalled(let signal):
            logger.warning("\(what) command \(shown) was ended by signal \(signal)")
        case .exited(let status) where status != 0:
            logger.warning("\(what) command \(shown) failed with exit status \(status)")
        default:
            logger.info("\(what) command \(shown) done")
        }
    }

    private static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : NumberText.fixed(seconds, decimals: 1)
    }
}
