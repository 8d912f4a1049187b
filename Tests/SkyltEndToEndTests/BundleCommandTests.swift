import Foundation
import SkyltBundle
import SkyltCore
import SkyltTestSupport
import Testing

/// keygen, publish, verify and sync as an editor and a technician run them.
@Suite("skylt keygen, publish, verify, sync", .serialized, .timeLimit(.minutes(10)))
struct BundleCommandTests {
    let skylt = Repository.skyltBinary.path

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ExternalTool.Result {
        try ExternalTool.run([skylt] + arguments, environment: environment)
    }

    @Test("keygen writes a private key file and a public key, and never overwrites by accident")
    func keygen() throws {
        let folder = TemporaryFolder()
        let prefix = folder.file("kommun").path
        let result = try run(["keygen", "--out", prefix])
        #expect(result.status == 0, "\(result.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: prefix + ".key")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let publicKey = try PublicKey(fileText: try String(contentsOfFile: prefix + ".pub", encoding: .utf8))
        #expect(result.stdout.contains(publicKey.base64))
        #expect(try run(["keygen", "--out", prefix]).status == 1)
        #expect(try run(["keygen", "--out", prefix, "--force"]).status == 0)
    }

    /// Runs skylt on a pseudo-terminal, typing `answers` at its prompts.
    func typed(_ answers: [String], _ arguments: [String]) throws -> ExternalTool.Result {
        // Through env(1): without SKYLT_KEY_PASSWORD, whatever the test's own environment holds.
        try ExternalTool.run(
            [
                "-u", "SKYLT_KEY_PASSWORD", "python3",
                Repository.root.appendingPathComponent("Tests/Fixtures/terminal.py").path,
                answers.joined(separator: "\n"), skylt,
            ] + arguments)
    }

    @Test("at a terminal, keygen asks for the password twice and publish asks for it, never echoing it")
    func passwordsAtATerminal() throws {
        let folder = TemporaryFolder()
        let prefix = folder.file("förening").path
        let differ = try typed(["vinter-2026", "vinter-2062"], ["keygen", "--out", prefix, "--encrypt"])
        #expect(differ.status == 1, "\(differ.stdout)")
        #expect(differ.stdout.contains("the two passwords differ"))
        #expect(!FileManager.default.fileExists(atPath: prefix + ".key"))

        let made = try typed(["vinter-2026", "vinter-2026"], ["keygen", "--out", prefix, "--encrypt"])
        #expect(made.status == 0, "\(made.stdout)")
        #expect(made.stdout.contains("Password for the new key:") && made.stdout.contains("The same password again:"))
        #expect(!made.stdout.contains("vinter-2026"))
        let attributes = try FileManager.default.attributesOfItem(atPath: prefix + ".key")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let out = folder.file("bundle").path
        let wrong = try typed(
            ["sommar"], ["publish", Repository.demoPlaylist.path, "--key", prefix + ".key", "--out", out])
        #expect(wrong.status == 1 && wrong.stdout.contains("wrong password"), "\(wrong.stdout)")
        let published = try typed(
            ["vinter-2026"], ["publish", Repository.demoPlaylist.path, "--key", prefix + ".key", "--out", out])
        #expect(published.status == 0, "\(published.stdout)")
        #expect(published.stdout.contains("Password for \(prefix).key:") && !published.stdout.contains("vinter-2026"))
        let check = try ExternalTool.run(["minisign", "-Vm", out + "/manifest.json", "-p", prefix + ".pub"])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test("publish reports its progress on a large medium")
    func publishProgress() throws {
        let folder = TemporaryFolder()
        _ = try run(["keygen", "--out", folder.file("k").path])
        // A 1800x1700 PNG of noise: about 9 MB, past the 8 MiB at which progress is shown.
        let png = folder.file("source/media/stor.png")
        try FileManager.default.createDirectory(
            at: png.deletingLastPathComponent(), withIntermediateDirectories: true)
        let script = """
            import os, struct, sys, zlib
            w, h = 1800, 1700
            raw = b"".join(b"\\x00" + os.urandom(w * 3) for _ in range(h))
            def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
            open(sys.argv[1], "wb").write(b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
            """
        #expect(try ExternalTool.run(["python3", "-c", script, png.path]).status == 0)
        folder.write(
            "source/playlist.json",
            #"{"name": "stor", "defaultLanguage": "sv", "slides": [{"id": "stor", "template": "poster", "image": "media/stor.png"}]}"#
        )
        let result = try run([
            "publish", folder.file("source").path, "--key", folder.file("k.key").path, "--out", folder.file("out").path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let output = result.stdout + result.stderr
        #expect(output.contains("hashing media/stor.png: 100% of "), "\(output)")
        #expect(output.components(separatedBy: "hashing media/stor.png:").count >= 3, "more than one step: \(output)")
    }

    @Test("publish refuses an invalid playlist, lists every problem and writes nothing")
    func publishInvalid() throws {
        let folder = TemporaryFolder()
        _ = try run(["keygen", "--out", folder.file("k").path])
        let playlist = PlaylistFixture.make(slides: [
            #"{"id": "a", "template": "notice", "title": "T"}"#,
            #"{"id": "b", "template": "poster", "image": "media/broken.png"}"#,
        ])
        let out = folder.file("bundle")
        let result = try run(["publish", playlist.url.path, "--key", folder.file("k.key").path, "--out", out.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("slide 'a'") && result.stdout.contains("slide 'b'"))
        #expect(result.stderr.contains("nothing was published"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("publish, verify with skylt and minisign, then catch a damaged asset")
    func publishAndVerify() throws {
        let folder = TemporaryFolder()
        _ = try run(
            ["keygen", "--out", folder.file("k").path, "--encrypt"], environment: ["SKYLT_KEY_PASSWORD": "bröd"])
        let out = folder.file("bundle")
        let wrong = try run(
            ["publish", Repository.demoPlaylist.path, "--key", folder.file("k.key").path, "--out", out.path],
            environment: ["SKYLT_KEY_PASSWORD": "kaka"])
        #expect(wrong.status == 1 && wrong.stderr.contains("wrong password"))
        let result = try run(
            [
                "publish", Repository.demoPlaylist.path, "--key", folder.file("k.key").path, "--out", out.path,
                "--channel", "demo",
            ],
            environment: ["SKYLT_KEY_PASSWORD": "bröd"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("channel 'demo' version 1, 5 assets"))
        let minisign = try ExternalTool.run([
            "minisign", "-Vm", out.appendingPathComponent("manifest.json").path, "-p", folder.file("k.pub").path,
        ])
        #expect(minisign.status == 0, "\(minisign.stdout)\(minisign.stderr)")
        #expect(try run(["verify", out.path, "--pub", folder.file("k.pub").path]).status == 0)

        // What the manifest always carries.
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json")))
                as? [String: Any])
        #expect(manifest["channel"] as? String == "demo" && manifest["version"] as? Int == 1)
        #expect(manifest["published"] is String && manifest["expires"] is String)
        let slides = try #require((manifest["playlist"] as? [String: Any])?["slides"] as? [[String: Any]])
        #expect(slides.count == 7)
        #expect(slides.contains { ($0["schedule"] as? [String: Any])?["validUntil"] != nil })
        let listed = try #require(manifest["assets"] as? [String: [String: Any]])
        #expect(listed.count == 5)
        for (reference, asset) in listed {
            #expect(reference.hasPrefix("sha256:") && reference.count == 71)
            #expect(asset["size"] is Int && (asset["type"] as? String)?.hasPrefix("image/") == true)
        }
        // Published again: one version more, no asset copied twice, no temporary file left.
        let again = try run(
            ["publish", Repository.demoPlaylist.path, "--key", folder.file("k.key").path, "--out", out.path],
            environment: ["SKYLT_KEY_PASSWORD": "bröd"])
        #expect(again.status == 0 && again.stdout.contains("version 2"), "\(again.stdout)\(again.stderr)")
        #expect((again.stdout + again.stderr).components(separatedBy: "already published").count - 1 == 5)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
                == ["assets", "manifest.json", "manifest.json.minisig"])

        let assets = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("assets").path)
            .sorted()
        let damaged = out.appendingPathComponent("assets/\(assets[0])")
        try Data("<svg/>".utf8).write(to: damaged)
        let check = try run(["verify", out.path, "--pub", folder.file("k.pub").path])
        #expect(check.status == 1)
        #expect(check.stdout.contains(damaged.path))
    }

    @Test("sync --once prints a line per channel and fails when a channel fails")
    func syncOnce() throws {
        let fixture = BundleFixture(slides: 2)
        try fixture.publish()
        let server = try FaultyHTTPServer(root: fixture.bundle)
        let folder = TemporaryFolder()
        let config = folder.write(
            "config.json",
            #"""
            {"id": "k", "cacheDirectory": "cache", "stateDirectory": "state", "diskReserveBytes": 0,
             "channels": [{"name": "kommun", "url": "\#(server.baseURL)/manifest.json", "keys": ["\#(fixture.publicKey.base64)"]}]}
            """#)
        let first = try run(["sync", "--config", config.path, "--once"])
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.hasPrefix("kommun: updated to v1 (2 assets fetched"))
        #expect(try run(["sync", "--config", config.path, "--once"]).stdout == "kommun: unchanged (v1)\n")
        server.inject("/manifest.json", [.status(503)])
        let failed = try run(["sync", "--config", config.path, "--once"])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("kommun: error:") && failed.stdout.contains("HTTP 503"))

        // The kiosk renders and plays what its cache holds, with the server gone.
        server.stop()
        let rendered = try run(["render", "--config", config.path, "--out", folder.file("out").path])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("out").path).count == 2)
        let offline = try run([
            "run", "--headless", "--config", config.path, "--exit-after", "2", "--screenshot",
            folder.file("s.png").path,
        ])
        #expect(offline.status == 0)
        #expect(offline.stderr.contains("showing kommun/p"))
        #expect(offline.stderr.contains("cannot connect"))
    }

    @Test("run syncs in the background and shows new content without a restart")
    func runPicksUpNewContent() throws {
        let fixture = BundleFixture(slides: 2)
        try fixture.publish()
        let server = try FaultyHTTPServer(root: fixture.bundle)
        let folder = TemporaryFolder()
        let config = folder.write(
            "config.json",
            #"""
            {"id": "k", "cacheDirectory": "cache", "stateDirectory": "state", "diskReserveBytes": 0,
             "channels": [{"name": "kommun", "url": "\#(server.baseURL)/manifest.json", "keys": ["\#(fixture.publicKey.base64)"],
                           "pollSeconds": 5}]}
            """#)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: skylt)
        process.arguments = [
            "run", "--headless", "--config", config.path, "--screenshot", folder.file("s.png").path, "--exit-after",
            "30",
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var log = ""
        func waitFor(_ text: String, seconds: Double) -> Bool {
            let deadline = Date(timeIntervalSinceNow: seconds)
            while Date() < deadline {
                if log.contains(text) { return true }
                log += String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
            }
            return log.contains(text)
        }
        #expect(waitFor("updated to v1", seconds: 15), "\(log)")
        #expect(waitFor("showing kommun/p", seconds: 15), "\(log)")
        // The publisher adds a slide; the running player fetches and shows it.
        fixture.writeSource(slides: 3, revision: 2, changed: [])
        try fixture.publish()
        #expect(waitFor("updated to v2", seconds: 20), "\(log)")
        #expect(waitFor("showing kommun/p2", seconds: 30), "\(log)")
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let snapshot = try JSONDecoder().decode(
            StatusSnapshot.self, from: try Data(contentsOf: folder.file("state/status.json")))
        #expect(snapshot.channels.first?.name == "kommun")
        #expect(snapshot.channels.first?.version == 2)
        #expect(snapshot.channels.first?.stale == false)
    }

    @Test("the standard proxy variables are honoured")
    func proxy() throws {
        let fixture = BundleFixture(slides: 1)
        try fixture.publish()
        let proxy = try FaultyHTTPServer(root: fixture.bundle)
        let folder = TemporaryFolder()
        // The bundle's host does not resolve: only the proxy can reach it.
        let config = folder.write(
            "config.json",
            #"""
            {"id": "k", "cacheDirectory": "cache", "stateDirectory": "state", "diskReserveBytes": 0,
             "channels": [{"name": "kommun", "url": "http://bundles.invalid/kommun/manifest.json", "keys": ["\#(fixture.publicKey.base64)"]}]}
            """#)
        let direct = try run(
            ["sync", "--config", config.path, "--once"], environment: ["http_proxy": "", "HTTP_PROXY": ""])
        #expect(direct.status == 1)
        let result = try run(["sync", "--config", config.path, "--once"], environment: ["http_proxy": proxy.baseURL])
        #expect(result.status == 0, "\(result.stdout)")
        let requests = proxy.takeRequests()
        #expect(requests.contains { $0.headers["x-absolute-form"] == "http://bundles.invalid/kommun/manifest.json" })
    }
}
