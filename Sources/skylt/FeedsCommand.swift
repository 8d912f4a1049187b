import Dispatch
import FoundationEssentials
import Glibc
import SkyltBundle
import SkyltCLI
import SkyltCore
import SkyltFeeds
import SkyltKiosk
import SkyltStatus

/// `skylt feeds`: the service that keeps live channels current.
enum FeedsCommand {
    static let help = """
        Usage: skylt feeds --config FILE --site DIR [--state DIR] [--once]

        Turns public data into signed channels that kiosks subscribe to like any other:
        warnings (VMA, CAP), calendars (iCalendar), news (RSS, Atom), departures (Trafiklab,
        Entur), weather (SMHI, MET Norway) and sensors (MQTT, JSON). Each source is polled on
        its own schedule (`poll` seconds, or its type's default); when a round changes a
        channel's slides, the channel is published as a signed bundle in DIR/<channel>/
        (manifest.json, manifest.json.minisig; files readable by the web server). A round that
        changes nothing publishes nothing; a manifest that has lived half its `expiresDays` is
        published again so kiosks never see it expire.

        Fetching: the User-Agent is skylt-feeds/<version> (+<contact>); a document is fetched
        with If-None-Match / If-Modified-Since, not at all while its Expires or max-age says it
        is fresh, and a server that answers 429 or 503 with Retry-After is not asked again
        before then. Other failures are retried with a growing, random backoff. Every transfer
        is capped in size (4 MiB unless a source says otherwise) and time (connect 10 s, all
        60 s). A source that fails keeps its last good slides, across restarts too; the kiosks
        still hide data that has grown old (departures 10 minutes after fetching, weather 6
        hours, sensor figures 3 hours, past events, expired alerts).

        The config (JSON; see feeds/example.json and feeds/feeds.schema.json):
          contact             your e-mail address or URL, sent in the User-Agent (required)
          channels[]          name (a-z, 0-9, -), key (minisign secret key, relative to the
                              config's folder), sources[], and optional language ("sv"),
                              timeZone ("Europe/Stockholm"), expiresDays (2), baseUrl
          sources[]           type (vma, cap, ical, rss, trafiklab, entur, smhi, metno, mqtt,
                              json), the type's fields, and optional poll (10 to 86400 s)
        Encrypted keys take their password from SKYLT_KEY_PASSWORD.

        State (DIR given by --state): http/ keeps each document and its validators, sources/
        each source's last good slides and memory, so a restart sends conditional requests and
        keeps every channel's content.

        Options:
          --config FILE   the feeds config (required)
          --site DIR      where the channels' bundles are written, one folder each (required)
          --state DIR     the state folder (default /var/lib/skylt-feeds)
          --once          one round of every source, publish what changed, print a summary
                          and exit: 0 (with a warning for each failed source), 1 when the
                          config or a key is wrong
          -h, --help      show this help

        Without --once it runs until SIGTERM or SIGINT, telling systemd READY=1 and WATCHDOG=1
        under a Type=notify unit (systemd/skylt-feeds.service).
        """

    static let defaultState = "/var/lib/skylt-feeds"

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(words, valued: ["--config", "--site", "--state"], switches: ["--once"])
        guard arguments.positional.isEmpty else { throw UsageError("feeds takes no positional arguments") }
        guard let configPath = arguments.values["--config"], let sitePath = arguments.values["--site"] else {
            throw UsageError("feeds needs --config FILE and --site DIR")
        }
        let config: FeedsConfig
        do {
            config = try FeedsConfig.load(from: URL(fileURLWithPath: configPath))
        } catch {
            for problem in error.problems { Console.error(problem.description) }
            return 1
        }
        guard let keys = loadKeys(config) else { return 1 }
        let site = URL(fileURLWithPath: sitePath)
        let stateFolder = URL(fileURLWithPath: arguments.values["--state"] ?? defaultState)
        if arguments.has("--once") {
            let service = FeedsService(config: config, keys: keys, site: site, state: stateFolder)
            return summarise(service.runOnce(), service: service)
        }
        return runContinuously(config: config, keys: keys, site: site, state: stateFolder)
    }

    /// Every channel's key, read once (a key serving several channels too).
    static func loadKeys(_ config: FeedsConfig) -> [String: SecretKey]? {
        var byPath: [String: SecretKey] = [:]
        var keys: [String: SecretKey] = [:]
        for channel in config.channels {
            let path = channel.keyFile.path
            if byPath[path] == nil {
                do {
                    byPath[path] = try KeyFiles.secretKey(at: path)
                } catch {
                    Console.error("channel '\(channel.name)': \(error)")
                    return nil
                }
            }
            keys[channel.name] = byPath[path]
        }
        return keys
    }

    static func summarise(_ round: FeedsRound, service: FeedsService) -> Int32 {
        for failure in round.failures { Console.error("warning: \(URLText.redacted(failure.description))") }
        for publication in round.publications {
            Console.out(
                "\(publication.channel): published version \(publication.version), \(publication.slides) slides")
        }
        Console.out(
            "\(round.fetched) sources fetched, \(round.unchanged) unchanged, \(round.failures.count) failed; "
                + "\(round.publications.count) channels published; \(service.bytesReceived) bytes received")
        return 0
    }

    /// Runs the service until SIGTERM or SIGINT, with systemd's READY and WATCHDOG.
    static func runContinuously(
        config: FeedsConfig, keys: [String: SecretKey], site: URL, state: URL
    ) -> Int32 {
        let notifier = Notifier()
        let service = FeedsService(config: config, keys: keys, site: site, state: state) { notifier.watchdog() }
        if let watchdog = notifier.watchdogSeconds { service.heartbeatSeconds = min(10, watchdog / 3) }
        let done = DispatchSemaphore(value: 0)
        let signals = SignalHandlers()
        signals.on(SIGTERM) { done.signal() }
        signals.on(SIGINT) { done.signal() }
        signals.start()
        service.start()
        notifier.ready()
        Logger.standard.notice("feeds: running \(config.channels.count) channels")
        done.wait()
        notifier.stopping()
        service.stop()
        signals.stop()
        Logger.standard.notice("feeds: stopped")
        return 0
    }
}
