import Foundation
@preconcurrency import Glibc
import SkyltCLI
import SkyltTestSupport

/// The kill soak: a round starts `skylt` against a fixture, SIGKILLs it at a random moment
/// and checks what it left. A round whose process ended before the kill is run again, so
/// the counts are of real kills.
enum KillSoak {
    /// What one kind of round counted.
    struct Tally {
        var kills = 0
        var finishedFirst = 0
        var inconsistent: [String] = []
        var consistent: Int { kills - inconsistent.count }
    }

    static func main(_ words: [String]) -> Int32 {
        let arguments: Arguments
        do {
            arguments = try Arguments(words, valued: ["--sync", "--publish", "--seed"], switches: [])
        } catch {
            say(error.message)
            return 2
        }
        let syncKills = Int(arguments.values["--sync"] ?? "2000") ?? 2000
        let publishKills = Int(arguments.values["--publish"] ?? "1000") ?? 1000
        var random = SeededRandom(seed: UInt64(arguments.values["--seed"] ?? "") ?? 20_261_127)
        let binary = Repository.skyltBinary
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            say("no skylt binary at \(binary.path): build first")
            return 2
        }
        let started = Date()
        var tallies: [(String, Tally, Double)] = []
        do {
            let syncStart = Date()
            let sync = try SyncKillRounds(binary: binary).run(kills: syncKills, &random)
            tallies.append(("sync", sync, Date().timeIntervalSince(syncStart)))
            let publishStart = Date()
            let publish = try PublishKillRounds(binary: binary).run(kills: publishKills, &random)
            tallies.append(("publish", publish, Date().timeIntervalSince(publishStart)))
        } catch {
            say("soak: cannot set up: \(error)")
            return 2
        }
        return report(tallies, elapsed: Date().timeIntervalSince(started))
    }

    /// Prints the figures; 1 when any kill left an inconsistent cache or site.
    static func report(_ tallies: [(String, Tally, Double)], elapsed: Double) -> Int32 {
        var failed = false
        for (name, tally, seconds) in tallies {
            say(
                "soak \(name): \(tally.kills) kills, \(tally.consistent) consistent, \(tally.inconsistent.count) inconsistent"
                    + " (\(tally.finishedFirst) runs ended before their kill), "
                    + String(format: "%.1f s", seconds))
            for problem in tally.inconsistent.prefix(20) { say("  inconsistent: \(problem)") }
            failed = failed || !tally.inconsistent.isEmpty
        }
        let kills = tallies.reduce(0) { $0 + $1.1.kills }
        let bad = tallies.reduce(0) { $0 + $1.1.inconsistent.count }
        say(
            "soak: \(kills) kills, \(kills - bad) consistent, \(bad) inconsistent, "
                + String(format: "%.1f s", elapsed))
        return failed ? 1 : 0
    }

    /// Runs `arguments` with `binary`, SIGKILLs it after `delay` seconds unless it has ended
    /// (nil: lets it end), and returns whether the kill landed and the process's run time.
    static func runAndKill(_ binary: URL, _ arguments: [String], after delay: Double?) throws -> (
        killed: Bool, seconds: Double
    ) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = Date()
        try process.run()
        if let delay {
            Thread.sleep(forTimeInterval: max(0, delay))
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        return (process.terminationReason == .uncaughtSignal, Date().timeIntervalSince(start))
    }

    /// How long `arguments` takes to run to its end.
    static func timeRun(_ binary: URL, _ arguments: [String]) throws -> Double {
        try runAndKill(binary, arguments, after: nil).seconds
    }
}
