import FoundationEssentials
import SkyltCLI
import SkyltKiosk

/// `skylt run`: the player.
enum RunCommand {
    static let help = """
        Usage: skylt run [--config FILE] [--headless] [--exit-after SECONDS] [--screenshot FILE]

        Plays the kiosk's channels: full screen through SDL (KMS/DRM on a console, X11 or
        Wayland on a desktop). Without a display, or with --headless, it plays on an offscreen
        screen and writes the frame on screen to a PNG at each switch, and says where.

        Without --config it reads /etc/skylt/config.json if that exists, and otherwise plays the
        demo playlist (Playlists/demo).

        Bundle channels (a manifest URL in the config) are synced in the background and new
        content shows without a restart; with the network down the player starts from its
        cache. Slides rotate by their duration with a short crossfade. Translated slides show the
        kiosk's languages in turn. A slide that cannot be drawn is skipped with a log line;
        with nothing to play, a calm screen shows the kiosk's name, addresses and version.

        Options:
          --config FILE         the kiosk's config (JSON; see README.md)
          --headless            do not open a display; play offscreen
          --exit-after SECONDS  stop cleanly after this long, with exit code 0
          --screenshot FILE     write the frame on screen to FILE (PNG, atomically) at each switch;
                                headless runs default to /tmp/skylt-screen.png (--snapshot is
                                the same option under its earlier name)
          -h, --help            show this help

        What plays when follows the slides' schedules, urgent notices, channel shares and the
        kiosk's opening hours (see `skylt plan`). Outside opening hours the screen is dark and
        the config's displayOff/displayOn commands run at the changes.

        State (the config's stateDirectory, default /var/lib/skylt): the daily play logs
        (plays-YYYY-MM-DD.jsonl, see `skylt report`), status.json, and last-seen, the latest
        time the player saw, which tells a clock that booted in the past.

        Status page: http://ADDRESS:PORT/ from the config's "status" (default 0.0.0.0:8080; the
        demo listens on 127.0.0.1:8080 only), with /api/status, /metrics and /healthz. It only
        reads; actions (sync, identify, display off/on, restart) need the token from the config
        or from <stateDirectory>/status-token.

        Frames are composed at the config's display size and scaled to the display's real
        pixels; the log warns when the display has fewer pixels than the config says.

        Signals: SIGTERM and SIGINT stop cleanly; SIGHUP reloads the playlists. A channel
        that cannot be read then (a half-saved playlist.json) keeps the slides it had.
        Logs go to stderr, with journald priorities when run by systemd.
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(
            words, valued: ["--config", "--exit-after", "--screenshot", "--snapshot"], switches: ["--headless"])
        guard arguments.positional.isEmpty else { throw UsageError("run takes no playlist; use --config") }
        guard let config = CommandConfig.load(path: arguments.values["--config"]) else { return 1 }
        var options = RunOptions()
        options.headless = arguments.has("--headless")
        options.exitAfterSeconds = try arguments.seconds("--exit-after")
        options.screenshot = (arguments.values["--screenshot"] ?? arguments.values["--snapshot"])
            .map { URL(fileURLWithPath: $0) }
        return Kiosk(config: config).run(options).rawValue
    }
}
