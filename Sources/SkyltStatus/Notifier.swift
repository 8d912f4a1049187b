internal import CSystemd
import FoundationEssentials
import SkyltCore

/// Talks to systemd for a `Type=notify` unit: READY=1 after the first frame, WATCHDOG=1 while
/// playback advances, STATUS= with what plays, STOPPING=1 on the way out. Without
/// NOTIFY_SOCKET (not under systemd) every call does nothing.
///
/// Never blocks: the play loop calls it, and a manager that stops reading its socket must not
/// stop the loop with it (nor its SIGTERM handling). A message that does not fit in the
/// socket's queue is dropped; the watchdog then sees missed pings, which is the truth.
public struct Notifier: Sendable {
    /// The notify socket: a path, or an abstract name starting with '@'.
    let socket: String?

    /// The socket systemd names in NOTIFY_SOCKET.
    public init() {
        self.init(socket: ProcessInfo.processInfo.environment["NOTIFY_SOCKET"])
    }

    /// Sends to `socket` (a path, or an abstract name starting with '@'); nil sends nothing.
    public init(socket: String?) {
        self.socket = socket.flatMap { $0.isEmpty ? nil : $0 }
    }

    public var enabled: Bool { socket != nil }

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

    /// Sends `message` at once or not at all; true when it went out.
    @discardableResult
    func send(_ message: String) -> Bool {
        guard let socket else { return false }
        var bytes = Array(message.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { text in
                skylt_notify_send(socket, text.baseAddress, buffer.count - 1) == 0
            }
        }
    }
}
