import Dispatch
import FoundationEssentials
import SkyltCLI
import SkyltCore
import SkyltKiosk
import SkyltSync

/// `skylt sync`: fetch the kiosk's bundle channels now.
enum SyncCommand {
    static let help = """
        Usage: skylt sync [--config FILE] --once

        Syncs every bundle channel of the kiosk once and prints one line per channel:
        "updated to vN", "unchanged (vN)" (with how many missing assets were fetched again,
        if the cache had lost any), or the error. Exits 1 if any channel failed.
        (`skylt run` syncs by itself in the background; this is for set-up and diagnosis.)

        A manifest is accepted only when its minisign signature verifies against one of the
        channel's keys, it names the configured channel, its version is not lower than the
        cached one (and the same version has the same bytes), it has not expired, and it was
        published at most 6 hours after the server's Date (a later time would make the kiosk
        distrust its clock). Assets are fetched only when missing (resuming partial downloads
        that can be their start), checked against their size and SHA-256, and the new manifest
        becomes current only when all are there. Whatever fails, the cache keeps the last good
        content. Errors show URLs without their query strings.

        Options:
          --config FILE   the kiosk's config (default /etc/skylt/config.json)
          --once          sync once and exit
          -h, --help      show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(words, valued: ["--config"], switches: ["--once"])
        guard arguments.has("--once"), arguments.positional.isEmpty else {
            throw UsageError("sync needs --once (skylt run syncs continuously)")
        }
        guard let config = CommandConfig.load(path: arguments.values["--config"]) else { return 1 }
        var failed = false
        let results = Kiosk(config: config).syncOnce()
        if results.isEmpty { Console.out("no bundle channels in the config; nothing to sync") }
        for (name, result) in results.map({ ($0.channel, $0.result) }) {
            switch result {
            case .success(.updated(let version, let fetched, let bytes)):
                Console.out("\(name): updated to v\(version) (\(fetched) assets fetched, \(bytes) bytes)")
            case .success(.unchanged(let version)):
                Console.out("\(name): unchanged" + (version.map { " (v\($0))" } ?? ""))
            case .success(.repaired(let version, let fetched)):
                Console.out("\(name): unchanged (v\(version)); \(fetched) missing assets fetched again")
            case .failure(let error):
                failed = true
                Console.out("\(name): error: \(error.reason)")
            }
        }
        return failed ? 1 : 0
    }
}
