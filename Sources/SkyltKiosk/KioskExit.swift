/// How `skylt run` ends, as the exit code its service manager reads.
public enum KioskExit: Int32, Sendable {
    /// Stopped as asked (SIGTERM, SIGINT, --exit-after).
    case stopped = 0
    /// The screen failed; systemd restarts the player.
    case screenFailed = 1
    /// The status page asked for a restart: EX_TEMPFAIL, which the unit restarts on.
    case restartRequested = 75
}
