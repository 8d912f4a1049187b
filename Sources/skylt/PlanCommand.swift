import FoundationEssentials
import SkyltCLI
import SkyltCore
import SkyltKiosk

/// `skylt plan`: the dry run for editors: what the screen shows when, from the same planner
/// that drives `skylt run`.
enum PlanCommand {
    static let help = """
        Usage: skylt plan (PLAYLIST | --config FILE) --from TIME --to TIME [--tz ZONE] [--summary]

        Prints what would play from --from to --to, one JSON object per line:
          {"start": …, "end": …, "slide": "id", "channel": "…", "language": "sv",
           "urgent": false, "reason": "why the planner chose it"}
        "slide" is null for the no-content screen and while the screen is off outside opening
        hours. The output comes from the same planner that drives `skylt run`: schedules,
        urgent notices, channel shares and opening hours all apply. Slides that cannot be
        drawn are not left out here; run `skylt validate` for those.

        With PLAYLIST, the playlist folder is the kiosk's only channel and the kiosk shows its
        default language. With --config, the kiosk's channels, languages, shares and opening
        hours are used.

        With --summary, prints instead how much of the slide time urgent notices take and,
        for each slide and each language the kiosk shows it in, the longest time the screen
        is open without it ("never" when it does not show at all):
          open 43200 s, slides 43200 s, urgent 15830 s (36.6% of slide time)
          longest wait to see each slide in each language (open time):
            oppettider: ar 917 s, en 905 s, …

        TIME is ISO 8601, with an offset (2026-12-12T09:00:00+01:00) or without one
        (2026-12-12T09:00), which then means local time in the kiosk's zone. A plan covers at
        most 31 days.

        Options:
          --config FILE   the kiosk's config
          --from TIME     start of the plan
          --to TIME       end of the plan
          --tz ZONE       the kiosk's time zone (default: the config's, or Europe/Stockholm)
          --summary       print the urgent share and the longest waits, not the slots
          -h, --help      show this help
        """

    static let maxDays = 31.0

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(words, valued: ["--config", "--from", "--to", "--tz"], switches: ["--summary"])
        var config: KioskConfig
        if let path = arguments.values["--config"] {
            guard arguments.positional.isEmpty else { throw UsageError("give a PLAYLIST or --config, not both") }
            do {
                config = try KioskConfig.load(from: URL(fileURLWithPath: path))
            } catch {
                Console.error(error.description)
                return 1
            }
        } else {
            guard arguments.positional.count == 1 else {
                throw UsageError("plan takes one playlist folder, or --config")
            }
            let folder = URL(fileURLWithPath: arguments.positional[0])
            config = KioskConfig.demo(folder: folder)
            config.channels[0].name = folder.standardizedFileURL.lastPathComponent
            if let playlist = PlaylistReader.read(folder: folder).playlist {
                config.languages = [playlist.defaultLanguage]
                config.timeZone = playlist.timeZone
            }
        }
        if let zone = arguments.values["--tz"] {
            guard let timeZone = Zone(identifier: zone) else {
                throw UsageError("--tz takes a time zone such as Europe/Stockholm, not '\(zone)'")
            }
            config.timeZone = timeZone
        }
        guard let fromText = arguments.values["--from"], let toText = arguments.values["--to"] else {
            throw UsageError("plan needs --from and --to")
        }
        let from = try time(fromText, option: "--from", zone: config.timeZone)
        let to = try time(toText, option: "--to", zone: config.timeZone)
        guard to > from else { throw UsageError("--to must be after --from") }
        guard to.timeIntervalSince(from) <= maxDays * 86400 else {
            throw UsageError("a plan covers at most \(Int(maxDays)) days")
        }
        // The kiosk's own pieces: the program it would play (folders and the bundle cache)
        // and its planner.
        let kiosk = Kiosk(config: config)
        let (program, problems, _) = kiosk.loadProgram()
        for problem in problems { Console.error(problem.description) }
        let simulator = PlanSimulator(planner: kiosk.planner)
        if arguments.flags.contains("--summary") {
            var summary = PlanSummary(expected: expectedPairs(program, languages: config.languages))
            _ = simulator.run(program, from: from, to: to) { summary.add($0) }
            print(summary.text, terminator: "")
        } else {
            printSlots(simulator, program, from: from, to: to, timeZone: config.timeZone)
        }
        return problems.isEmpty ? 0 : 1
    }

    /// Every slot as a JSON line, written in blocks of 64 KiB so that a month's plan streams.
    static func printSlots(_ simulator: PlanSimulator, _ program: Program, from: Date, to: Date, timeZone: Zone) {
        var output = ""
        _ = simulator.run(program, from: from, to: to) { entry in
            output += entry.jsonLine(timeZone: timeZone) + "\n"
            if output.utf8.count > 1 << 16 {
                print(output, terminator: "")
                output = ""
            }
        }
        print(output, terminator: "")
    }

    /// The slides and languages a summary reports even when they never show.
    static func expectedPairs(_ program: Program, languages: [String]) -> Set<PlanSummary.Key> {
        var pairs: Set<PlanSummary.Key> = []
        for slide in program.slides {
            for language in LanguageChoice.languages(for: slide, display: languages) {
                pairs.insert(PlanSummary.Key(slide: slide.slide.id, language: language))
            }
        }
        return pairs
    }

    /// ISO 8601 with an offset, or a local date-time in `zone`.
    static func time(_ text: String, option: String, zone: Zone) throws(UsageError) -> Date {
        if let date = ISO8601.parse(text) { return date }
        if let reading = localReading(text) { return zone.date(reading) }
        throw UsageError("\(option) takes a time such as 2026-12-12T09:00 or 2026-12-12T09:00:00+01:00, not '\(text)'")
    }

    /// "2026-12-12T09:00:00", "2026-12-12T09:00" or "2026-12-12" as a wall-clock reading, or
    /// nil when the text is none of them or names no real date or time.
    static func localReading(_ text: String) -> CivilTime? {
        let halves = text.split(separator: "T", omittingEmptySubsequences: false)
        guard (1...2).contains(halves.count) else { return nil }
        let date = halves[0].split(separator: "-", omittingEmptySubsequences: false)
        let time = halves.count == 2 ? halves[1].split(separator: ":", omittingEmptySubsequences: false) : []
        guard date.count == 3, date.map(\.count) == [4, 2, 2], halves.count == 1 || (2...3).contains(time.count),
            time.allSatisfy({ $0.count == 2 }), (date + time).allSatisfy({ $0.allSatisfy(\.isASCII) })
        else { return nil }
        let numbers = (date + time).compactMap { Int($0) }
        guard numbers.count == date.count + time.count else { return nil }
        let reading = CivilTime(
            year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers.count > 3 ? numbers[3] : 0,
            minute: numbers.count > 4 ? numbers[4] : 0, second: numbers.count > 5 ? numbers[5] : 0)
        guard reading.normalized == reading, reading.hour < 24 else { return nil }
        return reading
    }
}
