import Foundation
import Glibc
import SkyltTestSupport
import Synchronization
import Testing

@testable import SkyltStatus

/// A datagram socket standing in for systemd's notify socket, bound to a path or to an
/// abstract name ('@' first); it reads only when asked, so its queue fills as a stuck
/// manager's would.
final class NotifySocket {
    let name: String
    let descriptor: Int32

    init(name: String) throws {
        self.name = name
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(name.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { path in
            for (index, byte) in bytes.enumerated() { path[index] = byte }
            if name.hasPrefix("@") { path[0] = 0 }
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        try #require(bound == 0, "bind: \(errno)")
    }

    deinit { close(descriptor) }

    /// The next message, waiting at most a second for it.
    func read() -> String? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 1000) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count < 0 ? nil : String(decoding: buffer.prefix(count), as: UTF8.self)
    }
}

@Suite("systemd notifications")
struct NotifierTests {
    @Test("a notify socket nobody reads never blocks the sender: messages that do not fit are dropped")
    func unreadSocketNeverBlocks() throws {
        let folder = TemporaryFolder()
        let socket = try NotifySocket(name: folder.file("notify").path)
        let notifier = Notifier(socket: socket.name)
        // Sent from a thread of its own, so that a sender that blocks fails the test instead of
        // hanging it.
        let outcome = Mutex<(sent: Int, dropped: Int)?>(nil)
        let started = Date()
        Thread.detachNewThread {
            var (sent, dropped) = (0, 0)
            for index in 0..<2000 {
                if notifier.send(index % 2 == 0 ? "WATCHDOG=1" : "STATUS=showing slide \(index)") {
                    sent += 1
                } else {
                    dropped += 1
                }
            }
            outcome.withLock { $0 = (sent, dropped) }
        }
        while outcome.withLock({ $0 }) == nil && Date().timeIntervalSince(started) < 10 { usleep(10_000) }
        let result = try #require(outcome.withLock { $0 }, "sending to an unread socket blocked")
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(result.sent > 0)
        #expect(result.dropped > 0, "the socket's queue never filled")
        // What went out arrives in order.
        #expect(socket.read() == "WATCHDOG=1")
    }

    @Test("messages reach a socket with an abstract name")
    func abstractSocket() throws {
        let socket = try NotifySocket(name: "@skylt-notify-test-\(UUID().uuidString)")
        let notifier = Notifier(socket: socket.name)
        #expect(notifier.enabled)
        notifier.ready()
        notifier.status("showing a\nb")
        #expect(socket.read() == "READY=1")
        #expect(socket.read() == "STATUS=showing a b")
    }

    @Test("without a notify socket nothing is sent")
    func disabled() {
        #expect(!Notifier(socket: nil).enabled)
        #expect(!Notifier(socket: "").send("READY=1"))
    }
}
