import FoundationEssentials
import SkyltCLI
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
        every language it has at every size in the playlist's "screens" (default 1920x1080 and
        1080x1920), and a text that does not fit at the legible minimum (said with how much it
        overflows), or a QR code that does not fit at a scannable size, is a problem naming
        the size.

        A slide whose text takes longer to read than its duration gets a line starting
        "warning:" with how many words to cut or seconds to add; warnings do not change the
        exit code. Reading rates by script are in Playlists/README.md.

        Options:
          --size WxH     check the layout at this size instead of the playlist's screens
          --portrait     also check each size turned on its side
          -h, --help     show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(words, valued: ["--size"], switches: ["--portrait"])
        guard arguments.positional.count == 1 else { throw UsageError("validate takes one playlist folder") }
        let folder = URL(fileURLWithPath: arguments.positional[0])
        let size = try arguments.size("--size").map { ScreenSize(width: $0.width, height: $0.height) }
        let reading = PlaylistReader.read(folder: folder)
        var problems = reading.problems
        var warnings: [Problem] = []
        if var playlist = reading.playlist {
            if let size { playlist.screens = [size] }
            if arguments.has("--portrait") {
                for screen in playlist.screens
                where !playlist.screens.contains(.init(width: screen.height, height: screen.width)) {
                    playlist.screens.append(ScreenSize(width: screen.height, height: screen.width))
                }
            }
            let report = LayoutCheck.check(playlist)
            problems += report.problems
            warnings = report.warnings
        }
        for warning in warnings { Console.out("warning: \(warning.description)") }
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
