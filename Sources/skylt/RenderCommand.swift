import FoundationEssentials
import SkyltCLI
import SkyltCompose
import SkyltCore
import SkyltKiosk

/// `skylt render`: previews for editors, the same pixels the player shows.
enum RenderCommand {
    static let help = """
        Usage: skylt render PLAYLIST --out DIR [--size WxH] [--at TIME] [--layout | --scale F]
                            [--base-url URL]
               skylt render --config FILE --out DIR [--size WxH] [--at TIME] [--layout | --scale F]

        Writes one PNG per slide of the playlist folder PLAYLIST and language it is written
        in into DIR, named NN-<slide id>.<lang>.png (NN counts the playlist's slides from 01).
        These are the frames the player shows. Slides that cannot be drawn are reported and
        skipped; the exit code is then 1.

        With --at, it renders what the screen shows at TIME: slides not scheduled then (or
        events already over) are skipped, each with a line saying so. TIME is written as for
        `skylt plan --from`: ISO 8601 with an offset, or a local time in the playlist's (or
        kiosk's) time zone. Without --at every slide is rendered.

        Data slides (departures, weather, agenda, news, figure, alert, written by `skylt feeds`)
        are drawn as they are at a moment: with --at, as at TIME (the countdown to each
        departure, the events still to come), and those stale at TIME are skipped, each with a
        line saying why ("departures fetched ..., more than 10 minutes ago"). Without --at they
        are drawn at the current time; one already stale then is drawn at the moment of its
        data instead (fetched, read, its first event, its alert's effect), with a note, so a
        fresh slide never fails because this machine's clock is later than its data. `skylt
        validate` and `skylt publish` check data slides' layout at that moment too.

        With --layout, each PNG gets a NN-<slide id>.<lang>.json beside it: the frame's size,
        the safe area, the language and direction, and every element drawn (texts with their
        role, language, box, cap height and alignment; QR codes with their payload, box and
        module size; images with their box and whether they bleed), boxes as [x, y, w, h] in
        pixels from the top left.

        With --scale, each frame is laid out at the full size and then scaled by F (0.05 to 1)
        before it is written: small pictures for a gallery or an email that still show what the
        screen shows. It cannot be combined with --layout, whose boxes are in screen pixels.

        Story readings with `audio` or `text` and QR codes with a `file` encode the link of
        their visitor page (see `skylt publish`). Without --base-url those links are under
        https://example.invalid, which leads nowhere, and a note says so; give the URL the
        playlist will be published at to scan the rendered codes for real.

        With --config, it renders what the kiosk has: its local channels and what the cache
        holds for its bundle channels, at the kiosk's display size, numbered across channels.

        Options:
          --config FILE  render the kiosk's program instead of one playlist
          --out DIR      folder for the PNG files (created if missing)
          --size WxH     screen size in pixels (default 1920x1080; 1080x1920 is portrait)
          --at TIME      render only what is scheduled at TIME, data slides as at TIME
          --layout       also write each slide's layout as JSON
          --scale F      write the frames scaled by F (0.25 makes 1920x1080 into 480x270)
          --base-url URL the public URL the playlist is published at, for visitor page codes
          -h, --help     show this help
        """

    /// What to render: the program, the kiosk it comes from (none for a playlist), the
    /// screen size, and the problems already found reading it.
    private struct Source {
        var program: Program
        var kiosk: Kiosk?
        var size: (width: Int, height: Int)
        var timeZone: Zone
        /// Decides what is on screen at `--at`: the kiosk's own, so render and run agree.
        var planner: Planner
        var failures: Int
    }

    /// The slides the planner may show at `at` (nil without `--at`: all of them): the kiosk's
    /// planner, with its time zone and opening hours, so that render and run agree. Outside
    /// opening hours none are, and the line says the screen is off.
    private static func scheduledSlides(_ source: Source, at: Date?) -> Set<Int>? {
        guard let at else { return nil }
        let cache = EligibilityCache()
        guard source.planner.isOpen(at: at, clockTrusted: true, cache: cache) else {
            Console.out("the screen is off at \(ISO8601.format(at)): outside opening hours")
            return []
        }
        return Set(source.planner.eligible(source.program, at: at, clockTrusted: true, cache: cache))
    }

    /// What to write, besides the PNG files.
    private struct Options {
        var at: Date?
        var layout: Bool
        /// The factor frames are scaled by before they are written (1 for screen pixels).
        var scale: Double
    }

    /// The smallest `--scale`: below it a 1920 px frame is too small to recognise a slide.
    static let minimumScale = 0.05

    /// `--scale F`, 1 when not given; a usage error outside `minimumScale...1` or with `--layout`.
    private static func scale(_ arguments: Arguments) throws(UsageError) -> Double {
        guard let text = arguments.values["--scale"] else { return 1 }
        guard let value = Double(text), value >= minimumScale, value <= 1 else {
            throw UsageError("--scale takes a number from \(minimumScale) to 1, not '\(text)'")
        }
        guard !arguments.has("--layout") else { throw UsageError("--scale cannot be combined with --layout") }
        return value
    }

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(
            words, valued: ["--out", "--size", "--config", "--at", "--scale", "--base-url"], switches: ["--layout"])
        guard let out = arguments.values["--out"] else { throw UsageError("render needs --out DIR") }
        let size = try arguments.size("--size")
        let scale = try scale(arguments)
        let loaded: Source?
        if let configPath = arguments.values["--config"] {
            guard arguments.positional.isEmpty else { throw UsageError("give a PLAYLIST or --config, not both") }
            loaded = kioskSource(configPath, size: size)
        } else {
            guard arguments.positional.count == 1 else {
                throw UsageError("render takes one playlist folder, or --config")
            }
            loaded = playlistSource(
                arguments.positional[0], size: size ?? (1920, 1080), baseURL: try PublishCommand.baseURL(arguments))
        }
        guard let source = loaded else { return 1 }
        let at = try arguments.values["--at"].map { text throws(UsageError) in
            try PlanCommand.time(text, option: "--at", zone: source.timeZone)
        }
        let options = Options(at: at, layout: arguments.has("--layout"), scale: scale)
        let outFolder = URL(fileURLWithPath: out)
        do {
            try FileManager.default.createDirectory(at: outFolder, withIntermediateDirectories: true)
        } catch {
            Console.error("\(out): cannot create the folder: \(FileProblem.describe(error))")
            return 1
        }
        // A kiosk's previews use its display (diagonal and distances set text and QR sizes);
        // a playlist's use the standard display.
        let composer =
            source.kiosk?.composer(width: source.size.width, height: source.size.height)
            ?? SlideComposer(
                profile: DisplayProfile.standard.resized(width: source.size.width, height: source.size.height))
        let scheduled = scheduledSlides(source, at: options.at)
        let (written, failures) = writePNGs(
            of: source.program, scheduled: scheduled, with: composer, to: outFolder, options: options)
        Console.out("\(written) PNG file\(written == 1 ? "" : "s") in \(outFolder.path)")
        return source.failures + failures == 0 ? 0 : 1
    }

    /// The kiosk's program, at its display's size unless one is given; nil when the config
    /// cannot be read. Problems loading channels are reported but do not fail the render.
    private static func kioskSource(_ configPath: String, size: (width: Int, height: Int)?) -> Source? {
        let config: KioskConfig
        do {
            config = try KioskConfig.load(from: URL(fileURLWithPath: configPath))
        } catch {
            Console.error(error.description)
            return nil
        }
        let kiosk = Kiosk(config: config)
        let loaded = kiosk.loadProgram()
        for problem in loaded.problems { Console.error(problem.description) }
        return Source(
            program: loaded.program, kiosk: kiosk,
            size: size ?? (config.display.widthPixels, config.display.heightPixels), timeZone: config.timeZone,
            planner: kiosk.planner, failures: 0)
    }

    /// One playlist folder as the only channel; nil when nothing of it can be read, and a
    /// failure already counted when some slides had problems.
    private static func playlistSource(_ folder: String, size: (width: Int, height: Int), baseURL: String?)
        -> Source?
    {
        let reading = PlaylistReader.read(folder: URL(fileURLWithPath: folder), visitorBaseURL: baseURL)
        for problem in reading.problems { Console.error(problem.description) }
        guard let playlist = reading.playlist else { return nil }
        if baseURL == nil, let field = playlist.firstVisitorField {
            Console.out(
                "note: \(field) and other visitor pages are drawn as codes to \(VisitorLinks.placeholderBaseURL), which leads nowhere; give --base-url URL to scan them for real"
            )
        }
        return Source(
            program: Program(playlists: [(channel: playlist.name, playlist: playlist)]), kiosk: nil, size: size,
            timeZone: playlist.timeZone,
            planner: Planner(
                settings: PlanSettings(timeZone: playlist.timeZone, languages: [playlist.defaultLanguage])),
            failures: reading.problems.isEmpty ? 0 : 1)
    }

    /// The moment `entry` is drawn as at: `--at`, else now; a data slide stale now is drawn at
    /// the moment of its data, with a note saying so.
    private static func moment(of entry: ProgramSlide, stem: String, at: Date?) -> Date {
        if let at { return at }
        let now = Date()
        guard let stale = entry.slide.content.staleness(at: now), let moment = entry.slide.content.dataMoment else {
            return now
        }
        Console.out(
            "note: \(stem) is drawn as at \(ISO8601.format(moment)), the moment of its data; at the current time \(stale.reason)"
        )
        return moment
    }

    /// Writes every slide in each language it is written in, default first; with `--at`,
    /// only the slides scheduled then. Returns the files written and the frames that failed.
    private static func writePNGs(
        of program: Program, scheduled: Set<Int>?, with composer: SlideComposer, to outFolder: URL, options: Options
    ) -> (written: Int, failures: Int) {
        var written = 0
        var failures = 0
        for (index, entry) in program.slides.enumerated() {
            let stem = (index < 9 ? "0" : "") + "\(index + 1)-\(entry.slide.id)"
            if let at = options.at, let stale = entry.slide.content.staleness(at: at) {
                Console.out("skipped \(stem): its data is stale at \(ISO8601.format(at)): \(stale.reason)")
                continue
            }
            if let at = options.at, let scheduled, !scheduled.contains(index) {
                Console.out("skipped \(stem): not scheduled at \(ISO8601.format(at))")
                continue
            }
            let moment = moment(of: entry, stem: stem, at: options.at)
            for language in LayoutCheck.languages(of: entry) {
                let name = "\(stem).\(language)"
                do {
                    let composition = try composer.compose(entry, language: language, at: moment)
                    let png = outFolder.appendingPathComponent(name + ".png")
                    let frame = options.scale < 1 ? composition.frame.scaled(by: options.scale) : composition.frame
                    try frame.writePNG(to: png)
                    if options.layout {
                        try AtomicFile.write(
                            composition.layout.jsonData(), to: outFolder.appendingPathComponent(name + ".json"))
                    }
                    written += 1
                    Console.out("wrote \(png.path)")
                } catch let error as ComposeError {
                    failures += 1
                    Console.error("channel '\(entry.channel)': \(error) (in '\(language)')")
                } catch {
                    failures += 1
                    Console.error("\(name): \(FileProblem.describe(error))")
                }
            }
        }
        return (written, failures)
    }
}
