import Foundation
import SkyltCLI
import SkyltCore

/// The `skylt` command: dispatches to subcommands and handles help and usage errors.
enum SkyltCommandLine {
    static let topHelp = """
        Usage: skylt COMMAND [OPTIONS]

        Skylt plays slides on the screen of a village service point: notices, tourist information,
        events, offers, stories and the shop's Wi-Fi, legible from across the shop and with QR codes
        that scan from a metre away.

        Commands:
          run        play the kiosk's channels on the screen (or headless), syncing in the background
          sync       fetch the kiosk's bundle channels now (--once)
          status     what the running player reports: screen, clock, channels, log
          render     write a playlist's slides as PNG previews
          validate   check a playlist: fields, media, contrast and layout
          plan       print what would play when (a dry run of the planner)
          report     summarise the play log: plays and seconds per slide and channel
          bench      print start-up, compose, switch, CPU and memory figures

        Publishing (editors):
          keygen     make a channel's signing key pair (minisign format)
          publish    turn a playlist folder into a signed static bundle
          verify     check a bundle's signature and every asset
          help       show this help, or a command's: skylt help run

        Options:
          -h, --help     show this help; COMMAND --help shows the command's
          --version      print the version

        Files: the kiosk's config is /etc/skylt/config.json (or $SKYLT_CONFIG) unless --config
        says otherwise.
        Without a config, `skylt run` plays the demo playlist in Playlists/demo.
        """

    static let commands: [String: (help: String, run: @Sendable ([String]) throws(UsageError) -> Int32)] = [
        "run": (RunCommand.help, RunCommand.run),
        "render": (RenderCommand.help, RenderCommand.run),
        "validate": (ValidateCommand.help, ValidateCommand.run),
        "bench": (BenchCommand.help, BenchCommand.run),
        "plan": (PlanCommand.help, PlanCommand.run),
        "report": (ReportCommand.help, ReportCommand.run),
        "keygen": (KeygenCommand.help, KeygenCommand.run),
        "publish": (PublishCommand.help, PublishCommand.run),
        "verify": (VerifyCommand.help, VerifyCommand.run),
        "sync": (SyncCommand.help, SyncCommand.run),
        "status": (StatusCommand.help, StatusCommand.run),
    ]

    static func main() -> Int32 {
        let words = Array(CommandLine.arguments.dropFirst())
        guard let first = words.first else {
            Console.error(topHelp)
            return 2
        }
        switch first {
        case "-h", "--help":
            Console.out(topHelp)
            return 0
        case "--version":
            Console.out("skylt \(SkyltVersion.string)")
            return 0
        case "help":
            if words.count > 1, let command = commands[words[1]] {
                Console.out(command.help)
            } else {
                Console.out(topHelp)
            }
            return 0
        default:
            break
        }
        guard let command = commands[first] else {
            Console.error("skylt: unknown command '\(first)'. See skylt --help.")
            return 2
        }
        let rest = Array(words.dropFirst())
        if rest.contains("-h") || rest.contains("--help") {
            Console.out(command.help)
            return 0
        }
        do {
            return try command.run(rest)
        } catch {
            Console.error("skylt \(first): \(error.message). See skylt \(first) --help.")
            return 2
        }
    }
}
