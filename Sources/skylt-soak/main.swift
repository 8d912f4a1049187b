import Foundation

/// `skylt-soak`: the long proofs that do not fit in the test suite. `kills` SIGKILLs `skylt
/// sync --once` and `skylt publish` at random moments and checks what they leave; `month`
/// plays a simulated month. Each prints its figures and exits 1 when a check failed, so that
/// `make test` can run a short version and fail on it.
let help = """
    Usage: skylt-soak kills [--sync N] [--publish M] [--seed S]
           skylt-soak month [--days D] [--size WxH] [--max-growth-mb MB]

    kills   SIGKILLs `skylt sync --once` N times (default 2000) while new versions arrive,
            and `skylt publish` M times (default 1000), each at a random moment; after each
            kill the kiosk's cache, or the published folder, must hold the old or the new
            version, whole. Prints kills, consistent, inconsistent and the time taken.
    month   Plays the demo channel for D simulated days (default 30) on simulated time, with
            a sync each minute, status requests, network outages and new versions, and
            prints resident memory, open files and threads each day. Slides are composed
            at --size (default 1280x720, the smallest at which every demo slide can be drawn).
    """

/// Prints a line at once, unbuffered, so that a long run's figures can be followed in a log file.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let words = Array(CommandLine.arguments.dropFirst())
let status: Int32
switch words.first {
case "kills": status = KillSoak.main(Array(words.dropFirst()))
case "month": status = MonthSimulation.main(Array(words.dropFirst()))
default:
    say(help)
    status = words.first == "-h" || words.first == "--help" ? 0 : 2
}
exit(status)
