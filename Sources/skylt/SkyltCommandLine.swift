import FoundationEssentials
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
          publish    turn a playlist folder into a signed static bundle (and visitor pages)
          verify     check a bundle's signature and every asset
          feeds      keep live channels current: warnings, calendars, news, departures,
                     weather and sensors, published as signed bundles
          help       show this help, or a command's: skylt help run

        Options:
          -h, --help     show this help; COMMAND --help shows the command's
          --version      print the version

        Files: the kiosk's config is /etc/skylt/config.json (or $SKYLT_CONFIG) unless --config
        says otherwise.
        Without a config, `skylt run` plays the demo playlist in Playlists/demo.
        """

    static let commands: [String: (help: String, run: CommandSet.Run)] = [
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
        "feeds": (FeedsCommand.help, FeedsCommand.run),
    ]

    static func main() -> Int32 {
        CommandSet(program: "skylt", version: SkyltVersion.string, topHelp: topHelp, commands: commands)
            .main(Array(CommandLine.arguments.dropFirst()))
    }
}
