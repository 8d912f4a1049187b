import FoundationEssentials
@preconcurrency import Glibc
import SkyltCLI
import SkyltCompose
import SkyltCore
import SkyltKiosk
import SkyltPlayer

/// `skylt bench`: figures for the demo playlist at 1920x1080. A benchmark prints numbers; it
/// asserts nothing.
enum BenchCommand {
    static let help = """
        Usage: skylt bench [--switches N] [--static-seconds S] [--runs N] [--only plan]
               skylt bench live

        Prints figures for the demo playlist at 1920x1080, on SDL's dummy (offscreen) driver:
          - time from process start to the first frame (separate `skylt run` processes);
          - compose time per template (median and max);
          - slide switch time: upload, blend and present of a composed frame (median and max);
          - size of this binary (/proc/self/exe) and whether it is stripped;
          - peak RSS of a playing `skylt run`, and its RSS at the end split into private
            (written: heap, frames) and mapped (clean pages of the binary and libraries),
            from /proc/PID/smaps_rollup;
          - CPU use of `skylt run` over S seconds on a static slide;
          - RSS of this process after 50 slide switches and after N (a leak shows as growth);
          - time to plan one week for 500 slides across 5 channels, with schedules, shares
            and opening hours (after one day planned by another planner, so that the code and
            the calendar data are paged in, as in a running studio).

        With `live`, it composes a departures slide (10 departures) and a weather slide
        (8 periods) at 1920x1080 once a simulated minute for 60 minutes, as the kiosk does while
        one stays on screen, and prints for each the CPU time per composition (median and max,
        process CPU from getrusage) and the CPU seconds per hour shown. A template that cannot
        be composed is reported with its error, the others are still measured, and the exit
        code is 1.

        Options:
          --switches N        switches for the RSS figure (default 5000)
          --static-seconds S  how long to measure CPU on a static slide (default 20)
          --runs N            start-up runs for the first-frame figure (default 5)
          --only plan         print only the week-planning figure (needs no screen or playlist)
          -h, --help          show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(
            words, valued: ["--switches", "--static-seconds", "--runs", "--only"], switches: [])
        if arguments.positional == ["live"] { return LiveBench.run() }
        guard arguments.positional.isEmpty else { throw UsageError("bench takes `live` or options only") }
        if let only = arguments.values["--only"] {
            guard only == "plan" else { throw UsageError("--only takes `plan`") }
            Bench.planWeek()
            return 0
        }
        let switches = Int(arguments.values["--switches"] ?? "5000") ?? -1
        let staticSeconds = try arguments.seconds("--static-seconds") ?? 20
        let runs = Int(arguments.values["--runs"] ?? "5") ?? -1
        guard switches >= 50 else { throw UsageError("--switches takes a whole number of at least 50") }
        guard runs >= 1 else { throw UsageError("--runs takes a whole number of at least 1") }
        guard let demo = KioskConfigFile.demoPlaylist() else {
            Console.error("skylt bench: the demo playlist (Playlists/demo) was not found")
            return 1
        }
        do {
            try Bench(demo: demo, switches: switches, staticSeconds: staticSeconds, runs: runs).run()
            return 0
        } catch {
            Console.error("skylt bench: \(error)")
            return 1
        }
    }
}

/// The measurements behind `skylt bench`.
struct Bench {
    let demo: URL
    let switches: Int
    let staticSeconds: Double
    let runs: Int
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path

    func run() throws(BenchError) {
        Console.out("skylt \(SkyltVersion.string) bench: demo playlist at 1920x1080, SDL dummy driver")
        binary()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("skylt-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let demoConfig = try writeConfig(in: work, name: "demo.json", folder: demo)
        try firstFrame(config: demoConfig)
        try composeAndSwitch()
        let staticFolder = try writeStaticPlaylist(in: work)
        let staticConfig = try writeConfig(in: work, name: "static.json", folder: staticFolder)
        try staticCPU(config: staticConfig)
        Self.planWeek()
    }

    private func writeConfig(in folder: URL, name: String, folder playlist: URL) throws(BenchError) -> URL {
        let url = folder.appendingPathComponent(name)
        let json = """
            {"id": "bench", "name": "Bench", "languages": ["sv", "en"],
             "channels": [{"name": "bench", "folder": "\(playlist.path)"}]}
            """
        do { try Data(json.utf8).write(to: url) } catch { throw BenchError("\(url.path): \(error)") }
        return url
    }

    /// One notice, shown for an hour: the player has nothing to do but keep it there.
    private func writeStaticPlaylist(in folder: URL) throws(BenchError) -> URL {
        let playlist = folder.appendingPathComponent("static")
        let json = """
            {"name": "static", "defaultLanguage": "sv", "slides": [{"id": "static", "template": "notice",
             "duration": 3600, "title": "Öppettider i jul", "body": "Vardagar 9–19, lördag 10–16, söndag 11–15."}]}
            """
        do {
            try FileManager.default.createDirectory(at: playlist, withIntermediateDirectories: true)
            try Data(json.utf8).write(to: playlist.appendingPathComponent(Playlist.fileName))
        } catch {
            throw BenchError("\(playlist.path): \(error)")
        }
        return playlist
    }

    private func firstFrame(config: URL) throws(BenchError) {
        var wall: [Double] = []
        var peak = 0
        var memory: MemoryFigures?
        for _ in 0..<runs {
            let start = Date()
            let child = try ChildProcess([
                executable, "run", "--headless", "--config", config.path, "--exit-after", "3",
            ])
            guard child.waitForLine(containing: "first frame", timeoutSeconds: 30) != nil else {
                child.terminate()
                child.wait()
                throw BenchError("`skylt run` showed no first frame within 30 s")
            }
            wall.append(Date().timeIntervalSince(start))
            // Let it play on (a switch, a screenshot) before reading its peak.
            sleepThread(seconds: 2.5)
            peak = max(peak, child.peakRSSBytes() ?? 0)
            if let figures = child.memory(), figures.rss > memory?.rss ?? 0 { memory = figures }
            child.wait()
        }
        Console.out(
            "first frame: median \(milliseconds(median(wall))) ms, max \(milliseconds(wall.max() ?? 0)) ms"
                + " (process start to frame on screen, \(runs) runs)")
        Console.out("peak RSS of `skylt run` (demo, 3 s): \(megabytes(peak)) MB")
        if let memory {
            Console.out(
                "`skylt run` at the end: RSS \(megabytes(memory.rss)) MB (private \(megabytes(memory.privateBytes)) MB,"
                    + " mapped \(megabytes(memory.mappedBytes)) MB); PSS \(megabytes(memory.pss)) MB,"
                    + " anonymous \(megabytes(memory.anonymous)) MB")
        } else {
            Console.out("`skylt run` at the end: no /proc/PID/smaps_rollup to read")
        }
    }

    private func composeAndSwitch() throws(BenchError) {
        let config = KioskConfig.demo(folder: demo)
        let (program, problems) = ProgramLoader.load(config)
        guard problems.isEmpty, !program.slides.isEmpty else {
            throw BenchError("the demo playlist has problems: \(problems.map(\.description).joined(separator: "; "))")
        }
        let composer = SlideComposer(profile: .standard)
        var times: [String: [Double]] = [:]
        for round in 0..<10 {
            for entry in program.slides {
                let language = LanguageChoice.language(for: entry, play: round, display: config.languages)
                let start = Date()
                do { _ = try composer.compose(entry, language: language) } catch { throw BenchError("\(error)") }
                times[entry.slide.content.templateName, default: []].append(Date().timeIntervalSince(start))
            }
        }
        Console.out("compose time per template (10 rounds, median / max):")
        for template in times.keys.sorted() {
            let samples = times[template]!
            let typical = NumberText.fixed(median(samples) * 1000, decimals: 1).padded(left: 6)
            let slowest = NumberText.fixed((samples.max() ?? 0) * 1000, decimals: 1).padded(left: 6)
            Console.out("  \(template.padded(to: 7).prefix(7)) \(typical) ms / \(slowest) ms")
        }

        let screen: SDLScreen
        do {
            screen = try SDLScreen(width: 1920, height: 1080, headless: true)
        } catch {
            throw BenchError("\(error)")
        }
        var switchTimes: [Double] = []
        var rssAfter50 = 0
        for index in 0..<switches {
            let entry = program.slides[index % program.slides.count]
            let language = LanguageChoice.language(
                for: entry, play: index / program.slides.count, display: config.languages)
            let frame: Frame
            do { frame = try composer.compose(entry, language: language).frame } catch { throw BenchError("\(error)") }
            let start = Date()
            do { try screen.stage(frame) } catch { throw BenchError("\(error)") }
            screen.draw(fade: 1)
            screen.promote()
            switchTimes.append(Date().timeIntervalSince(start))
            if index + 1 == 50 { rssAfter50 = residentBytes() }
            if (index + 1) % 1000 == 0 { Console.error("  \(index + 1) of \(switches) switches") }
        }
        let rssAfterAll = residentBytes()
        Console.out(
            "slide switch (upload + blend + present): median \(NumberText.fixed(median(switchTimes) * 1000, decimals: 1))"
                + " ms, max \(NumberText.fixed((switchTimes.max() ?? 0) * 1000, decimals: 1)) ms")
        Console.out(
            "RSS after 50 switches: \(megabytes(rssAfter50)) MB; after \(switches): \(megabytes(rssAfterAll)) MB"
                + " (growth \(megabytes(rssAfterAll - rssAfter50)) MB)")
    }

    private func staticCPU(config: URL) throws(BenchError) {
        let settle = 2.0
        let child = try ChildProcess([
            executable, "run", "--headless", "--config", config.path, "--exit-after",
            String(staticSeconds + settle + 1),
        ])
        guard child.waitForLine(containing: "first frame", timeoutSeconds: 30) != nil else {
            child.terminate()
            child.wait()
            throw BenchError("`skylt run` showed no first frame within 30 s")
        }
        sleepThread(seconds: settle)
        let before = child.cpuSeconds() ?? 0
        let start = Date()
        sleepThread(seconds: staticSeconds)
        let used = (child.cpuSeconds() ?? 0) - before
        let elapsed = Date().timeIntervalSince(start)
        let peak = child.peakRSSBytes() ?? 0
        child.wait()
        Console.out(
            "CPU on a static slide: \(NumberText.fixed(used / elapsed * 100, decimals: 2))%"
                + " (\(NumberText.fixed(used, decimals: 2)) s CPU over \(NumberText.fixed(elapsed, decimals: 1)) s);"
                + " peak RSS \(megabytes(peak)) MB")
    }

    /// The size of this binary and whether it is stripped: the figure the kiosk's move off
    /// Foundation's ICU data is about.
    private func binary() {
        guard let file = ExecutableFile.inspect("/proc/self/exe") else {
            Console.out("binary: \(executable) cannot be read as ELF")
            return
        }
        Console.out(
            "binary: \(file.bytes) bytes (\(megabytes(file.bytes)) MB), "
                + (file.hasSymbolTable ? "not stripped (has .symtab)" : "stripped"))
    }

    private func megabytes(_ bytes: Int) -> String { NumberText.fixed(Double(bytes) / 1_048_576, decimals: 1) }

    private func milliseconds(_ seconds: Double) -> String { NumberText.fixed(seconds * 1000, decimals: 0) }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// VmRSS of this process, from /proc/self/status.
    private func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return digits * 1024
        }
        return 0
    }
}
