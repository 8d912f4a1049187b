import FoundationEssentials
import SkyltCLI
import SkyltCore
import SkyltKiosk
import SkyltStatus
import SkyltSync

/// `skylt status`: the status page in a terminal, for a technician with ssh.
enum StatusCommand {
    static let help = """
        Usage: skylt status [--config FILE] [--json]

        Prints what the running player reports on its status server (/api/status on
        127.0.0.1 at the config's status port): what is on screen and why, the clock, each
        channel's version, last sync, last error and next poll, cache and disk, and the last
        log lines. When the player does not answer, prints the status.json it last wrote to
        the state directory.

        Options:
          --config FILE   the kiosk's config (default /etc/skylt/config.json, or the demo's)
          --json          print the JSON as it comes
          -h, --help      show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(words, valued: ["--config"], switches: ["--json"])
        guard arguments.positional.isEmpty else { throw UsageError("status takes no positional arguments") }
        guard let config = CommandConfig.load(path: arguments.values["--config"]) else { return 1 }
        var limits = TransferLimits(maxBytes: 4 << 20)
        limits.connectTimeoutSeconds = 2
        limits.totalTimeoutSeconds = 5
        let kiosk = Kiosk(config: config)
        var request = HTTPRequest(url: kiosk.statusURL, limits: limits)
        request.headers = ["Host: localhost"]
        if let response = try? HTTPClient().get(request), response.status == 200 {
            if arguments.has("--json") {
                Console.out(String(decoding: response.body, as: UTF8.self))
                return 0
            }
            guard let report = try? JSONDecoder().decode(StatusReport.self, from: response.body) else {
                Console.error("the player's answer could not be read")
                return 1
            }
            print(report)
            return 0
        }
        let file = kiosk.statusFile
        guard let data = try? Data(contentsOf: file) else {
            Console.error("the player does not answer on port \(config.status.port), and \(file.path) does not exist")
            return 1
        }
        Console.error("the player does not answer on port \(config.status.port); its last status.json:")
        Console.out(String(decoding: data, as: UTF8.self))
        return 0
    }

    static func print(_ report: StatusReport) {
        func line(_ name: String, _ value: String) {
            Console.out(name.padded(to: 18).prefix(18) + value)
        }
        let snapshot = report.snapshot
        let zone = snapshot.zone
        func time(_ date: Date) -> String { StatusSnapshot.localTime(date, in: zone) }
        line(
            "Kiosk",
            "\(snapshot.kioskName) (\(snapshot.kioskID)), Skylt \(snapshot.version), up \(Health.duration(report.uptimeSeconds))"
        )
        let health = report.assessedHealth
        switch health.level {
        case .ok: line("Health", "playing, all well")
        case .degraded: line("Health", "DEGRADED: playing, with \(health.problems.count) problem(s)")
        case .stuck: line("Health", "STUCK: the play loop does not advance")
        }
        for problem in health.problems { line("  problem", problem.text) }
        line("Time", "\(time(Date())) (\(zone.identifier))")
        line(
            "Clock",
            snapshot.clockTrusted ? "trusted" : "UNTRUSTED: earlier than \(snapshot.clockReason)")
        line("Display", snapshot.display)
        let showing = snapshot.showing
        line(
            "On screen",
            (showing.slide.map { "\(showing.channel ?? "")/\($0)" } ?? "no slide")
                + " since \(snapshot.localTime(iso: showing.since))")
        line("Why", showing.reason)
        line("Next", report.next ?? "–")
        line("Slides shown", "\(report.slidesShown), missed deadlines \(report.missedDeadlines)")
        for skipped in snapshot.skipped ?? [] {
            line("  skipped", "\(skipped.slide): \(skipped.reason) (last \(snapshot.localTime(iso: skipped.at)))")
        }
        for stale in snapshot.staleData ?? [] { line("  stale data", "\(stale.slide): \(stale.reason)") }
        line(
            "Cache",
            "\(Health.bytes(report.cacheBytes)), \(Health.bytes(report.freeDiskBytes)) free"
                + (report.diskSizeBytes.map { " of \(Health.bytes($0))" } ?? ""))
        line("Addresses", report.addresses.joined(separator: ", "))
        for channel in snapshot.channels { printChannel(channel, line: line, time: time) }
        Console.out("Log:")
        for entry in report.logs.suffix(15) { Console.out("  " + entry) }
    }

    /// One channel's lines; a local folder has no sync to tell of.
    static func printChannel(
        _ channel: ChannelState, line: (String, String) -> Void, time: (Date) -> String
    ) {
        line("Channel", "\(channel.name): \(channel.source)")
        guard channel.kind == .bundle else {
            line("  kind", "local folder, read at start and on SIGHUP")
            return
        }
        line("  version", (channel.version.map { "v\($0)" } ?? "none") + (channel.stale ? " (STALE: expired)" : ""))
        line(
            "  last sync",
            channel.lastSuccess.map {
                "\(time($0)) (\(Health.duration(channel.observed.timeIntervalSince($0))) ago)"
            } ?? "never")
        line("  last error", channel.lastError ?? "none")
        line("  next poll", channel.nextPoll.map(time) ?? "–")
        if let matches = channel.cacheMatches { line("  cache", matches ? "matches its hashes" : "DAMAGED") }
    }
}
