import Foundation
import SkyltCompose
import SkyltCore
import SkyltKiosk

/// `skylt render`: previews for editors, the same pixels the player shows.
enum RenderCommand {
    static let help = """
        Usage: skylt render PLAYLIST --out DIR [--size WxH]
               skylt render --config FILE --out DIR [--size WxH]

        Writes one PNG per slide of the playlist folder PLAYLIST into DIR, named
        NN-<slide id>.png in the playlist's default language; a slide with translations also
        gets one per language, NN-<slide id>.<lang>.png. These are the frames the player
        shows. Slides that cannot be drawn are reported and skipped; the exit code is then 1.

        With --config, it renders what the kiosk has: its local channels and what the cache
        holds for its bundle channels, at the kiosk's display size, numbered across channels.

        Options:
          --config FILE  render the kiosk's program instead of one playlist
          --out DIR      folder for the PNG files (created if missing)
          --size WxH     screen size in pixels (default 1920x1080; 1080x1920 is portrait)
          -h, --help     show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(words, valued: ["--out", "--size", "--config"], switches: [])
        guard let out = arguments.values["--out"] else { throw UsageError("render needs --out DIR") }
        var size = try arguments.size("--size") ?? (1920, 1080)
        let program: Program
        var failures = 0
        var kiosk: Kiosk?
        if let configPath = arguments.values["--config"] {
            guard arguments.positional.isEmpty else { throw UsageError("give a PLAYLIST or --config, not both") }
            let config: KioskConfig
            do {
                config = try KioskConfig.load(from: URL(fileURLWithPath: configPath))
            } catch {
                Console.error(error.description)
                return 1
            }
            if arguments.values["--size"] == nil { size = (config.display.widthPixels, config.display.heightPixels) }
            kiosk = Kiosk(config: config)
            let loaded = kiosk!.loadProgram()
            for problem in loaded.problems { Console.error(problem.description) }
            program = loaded.program
        } else {
            guard arguments.positional.count == 1 else {
                throw UsageError("render takes one playlist folder, or --config")
            }
            let reading = PlaylistReader.read(folder: URL(fileURLWithPath: arguments.positional[0]))
            for problem in reading.problems { Console.error(problem.description) }
            guard let playlist = reading.playlist else { return 1 }
            failures = reading.problems.isEmpty ? 0 : 1
            program = Program(playlists: [(channel: playlist.name, playlist: playlist)])
        }
        let outFolder = URL(fileURLWithPath: out)
        do {
            try FileManager.default.createDirectory(at: outFolder, withIntermediateDirectories: true)
        } catch {
            Console.error("\(out): cannot create the folder: \(error.localizedDescription)")
            return 1
        }
        // A kiosk's previews use its display (diagonal and distances set text and QR sizes);
        // a playlist's use the standard display.
        let composer =
            kiosk?.composer(width: size.width, height: size.height)
            ?? SlideComposer(profile: DisplayProfile.standard.resized(width: size.width, height: size.height))
        var written = 0
        for (index, entry) in program.slides.enumerated() {
            let number = String(format: "%02d", index + 1)
            let languages = LayoutCheck.languages(of: entry)
            var outputs = [("\(number)-\(entry.slide.id).png", entry.defaultLanguage)]
            if languages.count > 1 {
                outputs += languages.map { ("\(number)-\(entry.slide.id).\($0).png", $0) }
            }
            for (name, language) in outputs {
                do {
                    let composition = try composer.compose(entry, language: language)
                    try composition.frame.writePNG(to: outFolder.appendingPathComponent(name))
                    written += 1
                    Console.out("wrote \(outFolder.appendingPathComponent(name).path)")
                } catch let error as ComposeError {
                    failures += 1
                    Console.error(
                        "channel '\(entry.channel)': \(error) (in '\(language)')"
                    )
                } catch {
                    failures += 1
                    Console.error("\(name): \(error)")
                }
            }
        }
        Console.out("\(written) PNG file\(written == 1 ? "" : "s") in \(outFolder.path)")
        return failures == 0 ? 0 : 1
    }
}
