import Foundation
import SkyltCLI
import SkyltCore
import SkyltStudio

/// The `skylt-studio` command: dispatches to subcommands and handles help and usage errors.
enum StudioCommandLine {
    static let topHelp = """
        Usage: skylt-studio COMMAND [OPTIONS]

        Skylt Studio keeps a municipality's channels (slides, their revisions, media, signing
        keys, users and an audit log) in a data folder, and publishes each channel as the same
        signed bundle `skylt publish` writes, into a site folder that any web server serves.
        `serve` runs the web interface where editors make slides and publishers publish.

        Commands:
          init       make a data folder: --data DIR --site DIR --base-url URL
          serve      run the web interface: serve --listen 127.0.0.1:8090
          user add   add a user: user add NAME --role ROLE --password-stdin
          import     bring a playlist folder into a channel: import CHANNEL PLAYLIST_DIR
          publish    sign and write a channel's bundle into the site folder: publish CHANNEL
          channel key   print a channel's public key line: channel key CHANNEL
          backup     write a tar archive of the database, media, keys and config: backup --out FILE
          help       show this help, or a command's: skylt-studio help import

        Every command but init takes --data DIR, the studio's data folder.

        Options:
          -h, --help     show this help; COMMAND --help shows the command's
          --version      print the version
        """

    typealias Command = (help: String, run: CommandSet.Run)

    static let commands: [String: Command] = [
        "init": (InitCommand.help, InitCommand.run),
        "serve": (ServeCommand.help, ServeCommand.run),
        "user": (UserCommand.help, UserCommand.run),
        "import": (ImportCommand.help, ImportCommand.run),
        "publish": (StudioPublishCommand.help, StudioPublishCommand.run),
        "channel": (ChannelCommand.help, ChannelCommand.run),
        "backup": (BackupCommand.help, BackupCommand.run),
    ]

    static func main(_ words: [String]) -> Int32 {
        CommandSet(program: "skylt-studio", version: SkyltVersion.string, topHelp: topHelp, commands: commands)
            .main(words)
    }

    /// The `--data` folder every command but init needs.
    static func dataFolder(_ arguments: Arguments) throws(UsageError) -> URL {
        guard let path = arguments.values["--data"], !path.isEmpty else { throw UsageError("--data DIR is required") }
        return URL(fileURLWithPath: path)
    }

    /// Opens the studio in `data` and runs `body` on it: 0 when it succeeds, else the error
    /// said as `report` says it, 1.
    static func withStudio(_ data: URL, _ body: (Studio) throws(StudioError) -> Void) -> Int32 {
        do throws(StudioError) {
            try body(try Studio.open(data: data))
            return 0
        } catch {
            return report(error)
        }
    }

    /// Says what failed on stderr (problems of a playlist each on their own line of stdout,
    /// as `skylt validate` prints them) and returns the exit status 1.
    static func report(_ error: StudioError) -> Int32 {
        if case .playlistProblems(let problems) = error.code {
            for problem in problems { Console.out(problem.description) }
        }
        Console.error(error.description)
        return 1
    }
}
