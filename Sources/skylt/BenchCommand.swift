import Foundation
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

        Prints figures for the demo playlist at 1920x1080, on SDL's dummy (offscreen) driver:
          - time from process start to the first frame (separate `skylt run` processes);
          - compose time per template (median and max);
          - slide switch time: upload, blend and present of a composed frame (median and max);
          - peak RSS of a playing `skylt run`;
          - CPU use of `skylt run` over S seconds on a static slide;
          - RSS of this process after 50 slide switches and after N (a leak shows as growth);
          - time to plan one week for 500 slides across 5 channels, with schedules, shares
            and opening hours (after one day planned by another planner, so that the code and
            the calendar data are paged in, as in a running studio).

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

    /// A week of a busy kiosk: 5 channels of 100 slides, a third of them with daily windows,
    /// some on weekdays or dated, a few urgent, shares and opening hours.
    static func planWeek() {
        var random = SystemRandomNumberGenerator()
        let zone = Zone.stockholm
        let local = LocalTime(timeZone: zone)
        let monday = local.startOfDay(ISO8601.parse("2026-11-30T12:00:00+01:00")!)
        var slides: [ProgramSlide] = []
        for channel in 0..<5 {
            for index in 0..<100 {
                var schedule = Schedule()
                switch Int.random(in: 0..<10, using: &random) {
                case 0..<3:
                    let from = Int.random(in: 6...20, using: &random)
                    schedule.windows = [
                        DailyWindow(
                            from: TimeOfDay(hour: from, minute: 0), to: TimeOfDay(hour: (from + 3) % 24, minute: 30))
                    ]
                case 3..<5: schedule.weekdays = [.mon, .wed, .fri, .sat]
                case 5: schedule.validFrom = monday.addingTimeInterval(86400 * 2)
                default: break
                }
                let content = SlideContent.notice(
                    title: LocalizedText(["sv": "Notis"]), body: LocalizedText(["sv": "Text"]), qr: nil, issuer: nil)
                let slide = Slide(
                    id: "s\(index)", durationSeconds: Double(Int.random(in: 6...20, using: &random)),
                    priority: index == 0 && channel == 0 ? .urgent : .normal, content: content, schedule: schedule)
                slides.append(
                    ProgramSlide(
                        slide: slide, channel: "ch\(channel)", defaultLanguage: "sv", theme: .standard, timeZone: zone))
            }
        }
        slides[0].slide.schedule = Schedule(windows: [
            DailyWindow(from: TimeOfDay(hour: 8, minute: 0), to: TimeOfDay(hour: 8, minute: 15))
        ])
        let open = DailyWindow(from: TimeOfDay(hour: 7, minute: 0), to: TimeOfDay(hour: 22, minute: 0))
        var settings = PlanSettings(
            timeZone: zone, languages: ["sv"],
            openingHours: OpeningHours(weekly: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, [open]) })))
        for channel in 0..<5 { settings.channels["ch\(channel)"] = .init(weight: Double(channel + 1)) }
        settings.channels["ch0"]?.minShare = 0.25
        settings.channels["ch4"]?.maxShare = 0.4
        let program = Program(slides: slides)
        // A running studio has its code and the calendar data paged in: one day planned first,
        // by a planner of its own, so that none of its remembered answers is reused.
        _ = PlanSimulator(planner: Planner(settings: settings)).run(
            program, from: monday, to: monday.addingTimeInterval(86400)
        ) { _ in }
        let simulator = PlanSimulator(planner: Planner(settings: settings))
        var slots = 0
        let start = Date()
        _ = simulator.run(program, from: monday, to: monday.addingTimeInterval(7 * 86400)) { _ in
            slots += 1
        }
        let seconds = Date().timeIntervalSince(start)
        Console.out(
            String(
                format: "plan one week, 500 slides in 5 channels: %.0f ms (%d slots, %.1f µs a slot)", seconds * 1000,
                slots, seconds / Double(max(slots, 1)) * 1e6))
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
        var privateBytes = 0
        var sharedBytes = 0
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
            Thread.sleep(forTimeInterval: 2.5)
            peak = max(peak, child.peakRSSBytes() ?? 0)
            privateBytes = max(privateBytes, child.statusBytes("RssAnon") ?? 0)
            sharedBytes = max(sharedBytes, child.statusBytes("RssFile") ?? 0)
            child.wait()
        }
        Console.out(
            String(
                format: "first frame: median %.0f ms, max %.0f ms (process start to frame on screen, %d runs)",
                median(wall) * 1000, (wall.max() ?? 0) * 1000, runs))
        Console.out(
            String(
                format:
                    "peak RSS of `skylt run` (demo, 3 s): %.1f MB; at the end %.1f MB private (frames, heap)"
                    + " and %.1f MB mapped from the binary and its libraries",
                Double(peak) / 1_048_576, Double(privateBytes) / 1_048_576, Double(sharedBytes) / 1_048_576))
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
            Console.out(
                String(
                    format: "  %@ %6.1f ms / %6.1f ms", template.padding(toLength: 7, withPad: " ", startingAt: 0),
                    median(samples) * 1000, (samples.max() ?? 0) * 1000))
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
            String(
                format: "slide switch (upload + blend + present): median %.1f ms, max %.1f ms",
                median(switchTimes) * 1000, (switchTimes.max() ?? 0) * 1000))
        Console.out(
            String(
                format: "RSS after 50 switches: %.1f MB; after %d: %.1f MB (growth %.1f MB)",
                Double(rssAfter50) / 1_048_576, switches, Double(rssAfterAll) / 1_048_576,
                Double(rssAfterAll - rssAfter50) / 1_048_576))
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
        Thread.sleep(forTimeInterval: settle)
        let before = child.cpuSeconds() ?? 0
        let start = Date()
        Thread.sleep(forTimeInterval: staticSeconds)
        let used = (child.cpuSeconds() ?? 0) - before
        let elapsed = Date().timeIntervalSince(start)
        let peak = child.peakRSSBytes() ?? 0
        child.wait()
        Console.out(
            String(
                format: "CPU on a static slide: %.2f%% (%.2f s CPU over %.1f s); peak RSS %.1f MB",
                used / elapsed * 100, used, elapsed, Double(peak) / 1_048_576))
    }

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
