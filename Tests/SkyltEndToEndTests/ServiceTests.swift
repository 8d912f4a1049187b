import Foundation
@preconcurrency import Glibc
import SkyltTestSupport
import Testing

/// `skylt run` as systemd runs it: a notify socket, a watchdog, the journal's stderr, and a
/// state directory that holds the status page's token.
@Suite("skylt run under systemd", .serialized, .timeLimit(.minutes(10)))
struct ServiceTests {
    let skylt = Repository.skyltBinary.path

    /// A datagram socket like systemd's NOTIFY_SOCKET, collecting what the player says.
    final class NotifySocket {
        let path: String
        private let fd: Int32

        init(path: String) throws {
            self.path = path
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { buffer in
                for (index, byte) in path.utf8.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            #expect(bound == 0, "cannot bind \(path)")
        }

        deinit { close(fd) }

        /// Receives until `stop` says so, as systemd does: an unread socket of this kind holds
        /// only ten messages before the sender blocks.
        func collect(while running: @escaping @Sendable () -> Bool) -> [String] {
            var messages: [String] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                var poll = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if Glibc.poll(&poll, 1, 100) == 1 {
                    let count = recv(fd, &buffer, buffer.count, 0)
                    if count > 0 { messages.append(String(decoding: buffer.prefix(count), as: UTF8.self)) }
                } else if !running() {
                    return messages
                }
            }
        }
    }

    @Test("READY after the first frame, WATCHDOG while it plays, STATUS, STOPPING; journal priorities; a 0600 token")
    func underSystemd() throws {
        let folder = TemporaryFolder()
        let playlist = PlaylistFixture.make(slides: [
            #"{"id": "ett", "template": "notice", "title": "Öppet", "body": "Välkommen!", "duration": 2}"#
        ])
        let port = Int.random(in: 30000..<60000)
        let config = folder.write(
            "config.json",
            #"""
            {"id": "k", "name": "Kiosk", "stateDirectory": "\#(folder.file("state").path)",
             "status": {"address": "127.0.0.1", "port": \#(port)},
             "channels": [{"name": "shop", "folder": "\#(playlist.url.path)"}]}
            """#)
        let notify = try NotifySocket(path: folder.file("notify").path)
        // A 3 s watchdog: the loop must ping at least once a second.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: skylt)
        process.arguments = [
            "run", "--headless", "--config", config.path, "--exit-after", "6", "--screenshot",
            folder.file("s.png").path,
        ]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "3000000", "JOURNAL_STREAM": "8:12345",
            "SKYLT_CONFIG": "/nonexistent",
        ]) { $1 }
        let errors = folder.file("stderr")
        #expect(FileManager.default.createFile(atPath: errors.path, contents: nil))
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let running = process
        let messages = notify.collect { running.isRunning }
        process.waitUntilExit()
        let stderr = try String(contentsOf: errors, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(stderr)")
        let ready = try #require(messages.firstIndex(of: "READY=1"), "\(messages)")
        #expect(messages.contains { $0.hasPrefix("STATUS=") && $0.contains("shop/ett") }, "\(messages)")
        #expect(messages.filter { $0 == "WATCHDOG=1" }.count >= 4, "\(messages)")
        #expect(messages.firstIndex(of: "WATCHDOG=1").map { $0 > ready } ?? false, "pings start after READY")
        #expect(messages.last == "STOPPING=1", "\(messages)")

        // Every stderr line carries the journal's priority; the first frame is info (6).
        let lines = stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.count > 3 && $0.hasPrefix("<") && $0.dropFirst(2).hasPrefix(">") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("<6>first frame") })

        // The token made at first start: kept for the owner only, never printed.
        let tokenFile = folder.file("state/status-token")
        let token = try String(contentsOf: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.count >= 16)
        let mode = try FileManager.default.attributesOfItem(atPath: tokenFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(!stderr.contains(token))
        #expect(stderr.contains(tokenFile.path))
    }
}
