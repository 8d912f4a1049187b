import Foundation
import SkyltCompose
import SkyltCore

/// `skylt validate`: the editor's check before publishing.
enum ValidateCommand {
    static let help = """
        Usage: skylt validate PLAYLIST [--size WxH] [--portrait]

        Checks a playlist folder (PLAYLIST/playlist.json and its media) and exits 0 when it is
        valid. Otherwise prints every problem, one a line, naming the file, the slide and the
        field, and exits 1.

        It checks: the JSON and every field (required, type, range, unknown fields), slide ids,
        dates, links, media paths (inside the folder, existing, a PNG, JPEG, WebP or SVG that
        decodes), the theme's text contrast (WCAG 4.5:1), and the layout: every slide is drawn in
        every language it has, and a text that does not fit at the legible minimum, or a QR
        code that does not fit at a scannable size, is a problem.

        Options:
          --size WxH     check the layout at this screen size (default 1920x1080)
          --portrait     also check the layout in portrait (the size turned on its side)
          -h, --help     show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(words, valued: ["--size"], switches: ["--portrait"])
        guard arguments.positional.count == 1 else { throw UsageError("validate takes one playlist folder") }
        let folder = URL(fileURLWithPath: arguments.positional[0])
        let size = try arguments.size("--size") ?? (1920, 1080)
        let reading = PlaylistReader.read(folder: folder)
        var problems = reading.problems
        if let playlist = reading.playlist {
            var profiles = [DisplayProfile.standard.resized(width: size.width, height: size.height)]
            if arguments.has("--portrait") {
                profiles.append(profiles[0].resized(width: size.height, height: size.width))
            }
            for profile in profiles {
                problems += LayoutCheck.problems(in: playlist, profile: profile)
            }
        }
        for problem in problems { Console.out(problem.description) }
        if problems.isEmpty {
            let count = reading.playlist?.slides.count ?? 0
            Console.out("\(folder.path): valid, \(count) slide\(count == 1 ? "" : "s")")
            return 0
        }
        Console.error("\(problems.count) problem\(problems.count == 1 ? "" : "s") found")
        return 1
    }
}
