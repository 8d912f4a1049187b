import Foundation
import SkyltCLI
import SkyltStudio

/// `skylt-studio import`.
enum ImportCommand {
    static let help = """
        Usage: skylt-studio import CHANNEL PLAYLIST_DIR --data DIR

        Brings a playlist folder (playlist.json and its media, checked by the player's own
        playlist reader) into CHANNEL. A new channel gets its signing key pair; print its public key with
        `skylt-studio channel key CHANNEL`. The playlist's settings and each slide are stored,
        a slide as a new revision only when it changed; slides no longer in the folder are
        archived, not deleted. Every file under the folder (but playlist.json and hidden files)
        is stored as a medium; links out of the folder are refused. When the playlist has a
        problem, every problem is printed and nothing is stored.

        Options:
          --data DIR   the studio's data folder
          -h, --help   show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(words, valued: ["--data"], switches: [])
        guard arguments.positional.count == 2 else { throw UsageError("import takes CHANNEL and PLAYLIST_DIR") }
        let data = try StudioCommandLine.dataFolder(arguments)
        return StudioCommandLine.withStudio(data) { studio throws(StudioError) in
            let summary = try studio.importPlaylist(
                channel: arguments.positional[0], from: URL(fileURLWithPath: arguments.positional[1]))
            if summary.createdChannel { Console.out("made channel '\(summary.channel)' and its signing key") }
            Console.out(
                "imported \(summary.slides) slides into '\(summary.channel)': \(summary.newRevisions) new revisions, \(summary.archived) archived, \(summary.media) media"
            )
        }
    }
}

/// `skylt-studio publish`.
enum StudioPublishCommand {
    static let help = """
        Usage: skylt-studio publish CHANNEL --data DIR

        Signs the channel's current slides (the approved revision of each slide not archived)
        with the channel's key and writes the bundle into SITE/CHANNEL/ with the same code as
        `skylt publish`: the version is one more than the one there, only new media are
        copied, and the manifest and its signature are put in place atomically. Prints the
        version, the counts and the manifest URL kiosks poll. Waits while another publish of
        the same studio (from the web or another command) runs.

        When studio.json has an "afterPublish" command (such as rclone sync of the site to an
        object store), it runs next, with SKYLT_CHANNEL, SKYLT_VERSION and SKYLT_SITE set, and
        its result and output are printed and kept with the publication.

        Exit status: 0 when the bundle is published, even when the after-publish command
        failed or timed out (the bundle is in the site folder; the failure is printed on
        standard error, so a script can still tell), 1 when nothing was published, 2 on a
        usage error.

        Options:
          --data DIR   the studio's data folder
          -h, --help   show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(words, valued: ["--data"], switches: [])
        guard arguments.positional.count == 1 else { throw UsageError("publish takes one CHANNEL") }
        let data = try StudioCommandLine.dataFolder(arguments)
        return StudioCommandLine.withStudio(data) { studio throws(StudioError) in
            let summary = try studio.publish(channel: arguments.positional[0]) { Console.error($0) }
            Console.out(
                "published '\(summary.channel)' version \(summary.version): \(summary.slides) slides, \(summary.assets) assets, in \(summary.folder.path)"
            )
            Console.out("manifest: \(summary.manifestURL)")
            if let result = summary.afterPublish { report(result) }
        }
    }

    /// Prints what the after-publish command did: a success on standard output, a failure
    /// (and its output) on standard error.
    static func report(_ result: AfterPublishResult) {
        guard !result.succeeded else {
            Console.out("after-publish command: ok")
            if !result.output.isEmpty { Console.out(result.output) }
            return
        }
        let what: String =
            switch result.outcome {
            case .exited(let status): "exited with status \(status)"
            case .signalled(let signal): "was ended by signal \(signal)"
            case .timedOut: "timed out and was stopped"
            case .notStarted: "could not be started"
            }
        Console.error("after-publish command \(what); the bundle is published in the site folder all the same")
        if !result.output.isEmpty { Console.error(result.output) }
    }
}

/// `skylt-studio backup`.
enum BackupCommand {
    static let help = """
        Usage: skylt-studio backup --out FILE --data DIR

        Writes a tar archive FILE holding a consistent copy of the database (SQLite's online
        backup, so the studio may keep running), studio.json, media/ and keys/.

        The archive holds every channel's secret signing key, unencrypted: it is made with
        mode 0600; keep it where only the studio's administrators can read it. An existing
        FILE is never overwritten. Restore by unpacking it into an empty data folder.

        Options:
          --out FILE   the archive to write (must not exist)
          --data DIR   the studio's data folder
          -h, --help   show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(words, valued: ["--data", "--out"], switches: [])
        guard arguments.positional.isEmpty, let out = arguments.values["--out"] else {
            throw UsageError("backup needs --out FILE")
        }
        let data = try StudioCommandLine.dataFolder(arguments)
        return StudioCommandLine.withStudio(data) { studio throws(StudioError) in
            try studio.backup(to: URL(fileURLWithPath: out))
            Console.out("wrote \(out) (mode 0600: it holds the channels' secret keys)")
        }
    }
}
