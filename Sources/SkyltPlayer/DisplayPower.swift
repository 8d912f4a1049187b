import Dispatch
import Foundation
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
        let program = command[0]
        let shown = command.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : "/usr/bin/env")
        process.arguments = program.hasPrefix("/") ? Array(command.dropFirst()) : command
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            logger.warning("\(what) command \(shown) could not start: \(error.localizedDescription)")
            return
        }
        guard waitForExit(process, seconds: timeoutSeconds) else {
            process.terminate()
            if !waitForExit(process, seconds: killGraceSeconds) {
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            logger.warning(
                "\(what) command \(shown) took longer than \(formatSeconds(timeoutSeconds)) s and was stopped")
            return
        }
        if process.terminationReason == .uncaughtSignal {
            logger.warning("\(what) command \(shown) was ended by signal \(process.terminationStatus)")
        } else if process.terminationStatus != 0 {
            logger.warning("\(what) command \(shown) failed with exit status \(process.terminationStatus)")
        } else {
            logger.info("\(what) command \(shown) done")
        }
    }

    /// True when the process ended within `seconds`.
    private static func waitForExit(_ process: Process, seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: pollSeconds) }
        return !process.isRunning
    }

    private static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
