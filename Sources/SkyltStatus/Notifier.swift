internal import CSystemd
import FoundationEssentials
import SkyltCore

/// Talks to systemd for a `Type=notify` unit: READY=1 after the first frame, WATCHDOG=1 while
/// playback advances, STATUS= with what plays, STOPPING=1 on the way out. Without
/// NOTIFY_SOCKET (not under systemd) every call does nothing.
public struct Notifier: Sendable {
    public init() {}

    public var enabled: Bool { ProcessInfo.processInfo.environment["NOTIFY_SOCKET"] != nil }

    /// The watchdog interval systemd asks for (WatchdogSec=), or nil.
    public var watchdogSeconds: Double? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return Double(microseconds) / 1_000_000
    }

    public func ready() { send("READY=1") }
    public func watchdog() { send("WATCHDOG=1") }
    public func stopping() { send("STOPPING=1") }

    public func status(_ text: String) {
        send("STATUS=" + text.replacingAll("\n", with: " "))
    }

    private func send(_ message: String) {
        guard enabled else { return }
        _ = sd_notify(0, message)
    }
}
