import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// A public warning's whole way, with the real programs: Sveriges Radio's VMA API (the
/// fault-injecting server) → `skylt feeds` → a signed channel on a web server → `skylt run`
/// on a kiosk → its screen, read from the kiosk's `/api/status`. Short polls (feeds 10 s, the
/// kiosk 5 s) stand in for the 60 s and 30 s of a real installation.
@Suite("A warning from its source to a kiosk's screen", .serialized, .timeLimit(.minutes(5)))
struct WarningToScreenTests {
    static let feedsPoll = 10.0
    static let kioskPoll = 5.0

    /// The source, the feeds service, the site's web server and a kiosk, all on 127.0.0.1.
    final class Village {
        let folder = TemporaryFolder()
        let source: FaultyHTTPServer
        let site: FaultyHTTPServer
        let feeds = Process()
        let kiosk = Process()
        let statusPort = Int.random(in: 30000..<60000)
        let kioskLog = Pipe()
        let feedsLog = Pipe()

        init(include: String = "") throws {
            let skylt = Repository.skyltBinary.path
            try FileManager.default.createDirectory(at: folder.file("vma"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: folder.file("site"), withIntermediateDirectories: true)
            source = try FaultyHTTPServer(root: folder.file("vma"))
            site = try FaultyHTTPServer(root: folder.file("site"))
            try Self.publishAtSource([], in: folder)
            let keygen = try ExternalTool.run([skylt, "keygen", "--out", folder.file("larm").path])
            #expect(keygen.status == 0, "\(keygen.stderr)")
            let publicKey =
                try String(contentsOf: folder.file("larm.pub"), encoding: .utf8)
                .split(separator: "\n").last.map(String.init) ?? ""
            let config = folder.write(
                "feeds.json",
                #"""
                {"contact": "drift@ljungby.example", "channels": [{"name": "larm", "key": "larm.key", "sources": [
                  {"type": "vma", "url": "\#(source.baseURL)/alerts.json", "geocode": "0781", "poll": \#(Int(WarningToScreenTests.feedsPoll))\#(include)}]}]}
                """#)
            feeds.executableURL = URL(fileURLWithPath: skylt)
            feeds.arguments = [
                "feeds", "--config", config.path, "--site", folder.file("site").path, "--state", folder.file("fs").path,
            ]
            feeds.standardError = feedsLog
            let kioskConfig = folder.write(
                "kiosk.json",
                #"""
                {"id": "lidhult-1", "name": "Lidhults Lanthandel", "stateDirectory": "state", "cacheDirectory": "cache",
                 "status": {"address": "127.0.0.1", "port": \#(statusPort), "token": "a-long-enough-token-123"},
                 "channels": [{"name": "larm", "url": "\#(site.baseURL)/larm/manifest.json", "keys": ["\#(publicKey)"],
                               "pollSeconds": \#(Int(WarningToScreenTests.kioskPoll))}]}
                """#)
            kiosk.executableURL = URL(fileURLWithPath: skylt)
            kiosk.arguments = [
                "run", "--headless", "--config", kioskConfig.path, "--screenshot", folder.file("s.png").path,
                "--exit-after", "240",
            ]
            kiosk.standardError = kioskLog
            try feeds.run()
            try kiosk.run()
        }

        /// Replaces what the VMA API answers.
        static func publishAtSource(_ messages: [VMAFixtures.Message], in folder: TemporaryFolder) throws {
            let answer =
                messages.isEmpty
                ? #"{"timestamp": "2026-11-28T09:05:00+01:00", "alerts": []}"# : VMAFixtures.answer(messages)
            let file = folder.file("vma/alerts.json")
            try Data(answer.utf8).write(to: folder.file("vma/alerts.json.new"))
            _ = rename(folder.file("vma/alerts.json.new").path, file.path)
        }

        func publish(_ messages: [VMAFixtures.Message]) throws { try Self.publishAtSource(messages, in: folder) }

        /// The slide the kiosk shows now, as its status API says ("larm/0-…"; "" for none), or nil
        /// when the status API did not answer.
        func showing() -> String? {
            guard
                let result = try? ExternalTool.run([
                    "curl", "-s", "-m", "3", "-H", "Host: localhost", "http://127.0.0.1:\(statusPort)/api/status",
                ]),
                let json = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                let showing = json["showing"] as? [String: Any]
            else { return nil }
            guard let slide = showing["slide"] as? String, let channel = showing["channel"] as? String else {
                return ""
            }
            return "\(channel)/\(slide)"
        }

        var logs: String {
            let text = { (pipe: Pipe) in String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self) }
            return "feeds:\n\(text(feedsLog))\nkiosk:\n\(text(kioskLog))"
        }

        deinit {
            for process in [feeds, kiosk] where process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
            source.stop()
            site.stop()
        }
    }

    static func message(_ identifier: String, expiresIn seconds: Double, status: String = "Actual")
        -> VMAFixtures.Message
    {
        var message = VMAFixtures.Message()
        message.identifier = identifier
        message.status = status
        let now = Date()
        message.sent = ISO8601.format(now.addingTimeInterval(-30))
        message.effective = ISO8601.format(now.addingTimeInterval(-30))
        message.expires = ISO8601.format(now.addingTimeInterval(seconds))
        return message
    }

    @Test("a VMA is on the screen within the feeds poll plus the kiosk's poll, and its Cancel takes it off")
    func issuedAndCancelled() throws {
        let village = try Village()
        // Both services are up and the empty channel has reached the kiosk once.
        #expect(
            Poll.until(seconds: 60) {
                FileManager.default.fileExists(atPath: village.folder.file("site/larm/manifest.json").path)
            }, "\(village.logs)")
        Thread.sleep(forTimeInterval: Self.kioskPoll + 2)
        let alert = Self.message("SRVMA-E2E-1", expiresIn: 3600)
        let issued = Date()
        try village.publish([alert])
        let reached = Poll.until(seconds: 90) { village.showing()?.hasPrefix("larm/") == true }
        let latency = Date().timeIntervalSince(issued)
        #expect(reached, "\(village.logs)")
        print(
            "VMA to screen: \(String(format: "%.1f", latency)) s (feeds poll \(Self.feedsPoll) s, kiosk poll \(Self.kioskPoll) s)"
        )
        // Each poll is jittered by up to 10%; composing and a slide switch take under two seconds.
        #expect(latency <= (Self.feedsPoll + Self.kioskPoll) * 1.1 + 5)

        var cancel = Self.message("SRVMA-E2E-2", expiresIn: 3600)
        cancel.msgType = "Cancel"
        cancel.references = "https://vmaapi.sr.se,SRVMA-E2E-1,\(alert.sent)"
        try village.publish([cancel])
        #expect(Poll.until(seconds: 90) { village.showing() == "" }, "\(village.logs)")
    }

    @Test("an expired alert leaves the screen with the network down")
    func expiredOffline() throws {
        let village = try Village()
        try village.publish([Self.message("SRVMA-E2E-3", expiresIn: 45)])
        #expect(Poll.until(seconds: 90) { village.showing()?.hasPrefix("larm/") == true }, "\(village.logs)")
        village.site.setOffline(true)
        village.source.setOffline(true)
        // Never after `expires`, though the kiosk hears nothing more.
        #expect(Poll.until(seconds: 90) { village.showing() == "" }, "\(village.logs)")
    }

    @Test("a test message never reaches the screen")
    func testMessageIgnored() throws {
        let village = try Village()
        try village.publish([Self.message("SRVMA-E2E-4", expiresIn: 3600, status: "Test")])
        // Two rounds of the feeds service and of the kiosk: still nothing.
        Thread.sleep(forTimeInterval: (Self.feedsPoll + Self.kioskPoll) * 2)
        #expect(village.showing() == "", "\(village.logs)")
        let manifest = try String(contentsOf: village.folder.file("site/larm/manifest.json"), encoding: .utf8)
        #expect(!manifest.contains("SRVMA-E2E-4") && !manifest.contains("alert"))
    }
}
