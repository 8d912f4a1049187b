import Foundation
import SkyltCore

/// Turns the TV off and on at opening-hours changes by running the config's commands (for
/// example `cec-ctl --standby`). Each runs without a shell, with a time limit; a failure is
/// logged and never stops playback.
public final class DisplayPower {
    public let offCommand: [String]?
    public let onCommand: [String]?
    /// A command still running after this is killed.
    public static let timeoutSeconds = 10.0

    public init(off: [String]?, on: [String]?) {
        offCommand = off
        onCommand = on
    }

    func turnOff() { run(offCommand, what: "displayOff") }
    func turnOn() { run(onCommand, what: "displayOn") }

    private func run(_ command: [String]?, what: String) {
        guard let command, let program = command.first else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : "/usr/bin/env")
        process.arguments = program.hasPrefix("/") ? Array(command.dropFirst()) : command
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            Log.warning(
                "\(what) command \(command.joined(separator: " ")) could not start: \(error.localizedDescription)")
            return
        }
        let deadline = Date(timeIntervalSinceNow: Self.timeoutSeconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Log.warning(
                "\(what) command \(command.joined(separator: " ")) took longer than \(Int(Self.timeoutSeconds)) s and was stopped"
            )
        } else if process.terminationStatus != 0 {
            Log.warning(
                "\(what) command \(command.joined(separator: " ")) failed with exit status \(process.terminationStatus)"
            )
        } else {
            Log.info("\(what) command \(command.joined(separator: " ")) done")
        }
    }
}
