import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// The real `skylt` binary, run as a user would run it.
@Suite("skylt on the command line", .serialized, .timeLimit(.minutes(10)))
struct CommandLineTests {
    let skylt = Repository.skyltBinary.path

    /// Runs skylt as on a machine with no kiosk config, whatever this one has in /etc/skylt.
    static let noConfig = ["SKYLT_CONFIG": "/nonexistent/skylt-config.json"]

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ExternalTool.Result {
        try ExternalTool.run([skylt] + arguments, environment: Self.noConfig.merging(environment) { $1 })
    }

    @Test("validate accepts the demo")
    func validateDemo() throws {
        let result = try run(["validate", Repository.demoPlaylist.path, "--portrait"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("valid, 7 slides"))
    }

    @Test("validate lists every problem with file, slide and field, and exits 1")
    func validateProblems() throws {
        let essay = String(repeating: "Alldeles för mycket text på en skylt. ", count: 120)
        let folder = PlaylistFixture.make(
            slides: [
                #"{"id": "typo", "template": "notice", "title": "T", "body": "B", "titel": "x"}"#,
                #"{"id": "noimage", "template": "info", "title": "T", "body": "B", "image": "media/none.svg"}"#,
                #"{"id": "long", "template": "notice", "title": "T", "body": "\#(essay)"}"#,
                #"{"id": "badimage", "template": "poster", "image": "media/broken.png"}"#,
            ], theme: ##"{"accent": "#FFFFFF", "accentForeground": "#EEEEEE"}"##)
        let result = try run(["validate", folder.url.path])
        #expect(result.status == 1)
        let file = folder.file(Playlist.fileName).path
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let expected = [
            "slide 'typo': field 'slides[0].titel': unknown field",
            "slide 'noimage': field 'slides[1].image': 'media/none.svg' does not exist",
            "slide 'long': field 'body': does not fit",
            "slide 'badimage': field 'image': broken.png",
            "field 'theme.accentForeground': contrast with accent",
        ]
        for text in expected {
            #expect(
                lines.contains { $0.hasPrefix(file + ": ") && $0.contains(text) }, "missing: \(text)\n\(result.stdout)")
        }
        #expect(result.stderr.contains("5 problems found"))
    }

    @Test("render writes one PNG per slide and language, named by the language")
    func render() throws {
        let out = TemporaryFolder()
        let result = try run(["render", Repository.demoPlaylist.path, "--out", out.url.path])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.url.path).sorted()
        let ids = [
            "vandringsled", "vattenavstangning", "julmarknad", "lordagsbrod", "vattarna", "wifi", "luciakonsert",
        ]
        var expected: [String] = []
        for (index, id) in ids.enumerated() {
            let number = String(format: "%02d", index + 1)
            expected += ["\(number)-\(id).sv.png", "\(number)-\(id).en.png"]
        }
        #expect(files == expected.sorted())
        let frame = try Frame.readPNG(from: out.file("05-vattarna.en.png"))
        #expect(frame.width == 1920 && frame.height == 1080)
    }

    @Test("render --size 1080x1920 gives portrait previews")
    func renderPortrait() throws {
        let out = TemporaryFolder()
        let result = try run(["render", Repository.demoPlaylist.path, "--out", out.url.path, "--size", "1080x1920"])
        #expect(result.status == 0, "\(result.stderr)")
        let frame = try Frame.readPNG(from: out.file("01-vandringsled.sv.png"))
        #expect(frame.width == 1080 && frame.height == 1920)
    }

    @Test("run --headless plays the demo, says so and where, writes screenshots, and exits 0")
    func runHeadless() throws {
        let folder = TemporaryFolder()
        let snapshot = folder.file("screen.png")
        // --snapshot is --screenshot's earlier name, kept for existing units and scripts.
        let result = try run(["run", "--headless", "--exit-after", "2", "--snapshot", snapshot.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("headless"))
        #expect(result.stderr.contains(snapshot.path))
        #expect(result.stderr.contains("first frame on screen"))
        #expect(result.stderr.contains("showing demo/"))
        let frame = try Frame.readPNG(from: snapshot)
        #expect(frame.width == 1920 && frame.height == 1080)
        // Written atomically: no temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["screen.png"])
    }

    @Test("a broken slide in a kiosk's channel is logged and skipped while the rest plays")
    func runSkipsBroken() throws {
        let playlist = PlaylistFixture.make(slides: [
            #"{"id": "bad", "template": "poster", "image": "media/broken.png", "duration": 2}"#,
            #"{"id": "good", "template": "notice", "title": "Öppet", "body": "Välkommen!", "duration": 2}"#,
        ])
        let config = TemporaryFolder()
        let file = config.write(
            "config.json",
            #"{"id": "t", "name": "Test", "languages": ["sv"], "channels": [{"name": "shop", "folder": "\#(playlist.url.path)"}]}"#
        )
        let result = try run([
            "run", "--headless", "--config", file.path, "--exit-after", "5", "--screenshot", config.file("s.png").path,
        ])
        #expect(result.status == 0)
        #expect(result.stderr.contains("skipping shop/bad"))
        #expect(result.stderr.contains("broken.png"))
        #expect(result.stderr.components(separatedBy: "showing shop/good").count >= 3)
    }

    @Test("a bad config is refused with the file and field named")
    func badConfig() throws {
        let folder = TemporaryFolder()
        let file = folder.write("config.json", #"{"id": "t", "channels": [], "screen": {}}"#)
        let result = try run(["run", "--headless", "--config", file.path, "--exit-after", "1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file.path): field 'screen': unknown field"))
    }

    @Test("SIGTERM stops the player cleanly within 2 s")
    func sigterm() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: skylt)
        let folder = TemporaryFolder()
        process.arguments = ["run", "--headless", "--screenshot", folder.file("s.png").path]
        process.environment = ProcessInfo.processInfo.environment.merging(Self.noConfig) { $1 }
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        var seen = Data()
        let deadline = Date(timeIntervalSinceNow: 20)
        while Date() < deadline, !String(decoding: seen, as: UTF8.self).contains("first frame") {
            seen.append(errors.fileHandleForReading.availableData)
        }
        #expect(String(decoding: seen, as: UTF8.self).contains("first frame"))
        let sent = Date()
        process.terminate()
        while process.isRunning && Date().timeIntervalSince(sent) < 5 { Thread.sleep(forTimeInterval: 0.02) }
        #expect(!process.isRunning)
        #expect(Date().timeIntervalSince(sent) < 2)
        #expect(process.terminationStatus == 0)
        #expect(process.terminationReason == .exit)
    }

    @Test("SIGHUP with a half-saved playlist keeps the slides that were playing; a fixed one brings new slides")
    func reloadKeepsLastGood() throws {
        func notice(_ id: String) -> String {
            #"{"id": "\#(id)", "template": "notice", "title": "\#(id)", "body": "Text.", "duration": 2}"#
        }
        let playlist = PlaylistFixture.make(slides: [notice("a"), notice("b")])
        let folder = TemporaryFolder()
        let config = KioskConfigFixture.write(in: folder, channel: "shop", playlist: playlist.url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: skylt)
        process.arguments = [
            "run", "--headless", "--config", config.path, "--exit-after", "40", "--screenshot",
            folder.file("s.png").path,
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(Self.noConfig) { $1 }
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        var seen = ""
        /// Reads the log until `text` appears after `offset`; returns where it ends.
        func waitFor(_ text: String, after offset: String.Index? = nil) -> String.Index? {
            let deadline = Date(timeIntervalSinceNow: 15)
            while Date() < deadline {
                if let found = seen.range(of: text, range: (offset ?? seen.startIndex)..<seen.endIndex) {
                    return found.upperBound
                }
                seen += String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
            }
            return nil
        }
        #expect(waitFor("showing shop/a") != nil, "\(seen)")

        playlist.write(Playlist.fileName, #"{"name": "fixture", "slides": [{"id": "a", "templ"#)
        kill(process.processIdentifier, SIGHUP)
        let kept = waitFor("reloaded 2 slides")
        #expect(kept != nil, "\(seen)")
        #expect(seen.contains("channel 'shop' cannot be read now; the slides it had keep playing"))
        // The rotation goes on with the slides it had.
        #expect(waitFor("showing shop/a", after: kept) != nil && waitFor("showing shop/b", after: kept) != nil)

        playlist.write(
            Playlist.fileName,
            #"{"name": "fixture", "defaultLanguage": "sv", "slides": [\#(notice("a")), \#(notice("c"))]}"#)
        kill(process.processIdentifier, SIGHUP)
        let fixed = waitFor("reloaded 2 slides", after: kept)
        #expect(fixed != nil, "\(seen)")
        #expect(waitFor("showing shop/c", after: fixed) != nil, "\(seen)")
    }

    @Test("--help says everything, for skylt and every command")
    func help() throws {
        let top = try run(["--help"])
        #expect(top.status == 0)
        for command in ["run", "render", "validate", "bench", "plan", "report", "keygen", "publish", "verify", "sync"] {
            #expect(top.stdout.contains(command))
        }
        let options = [
            "run": ["--config", "--headless", "--exit-after", "--snapshot"],
            "render": ["--out", "--size", "--at", "--layout", "--base-url"],
            "validate": ["--size", "--portrait"],
            "bench": ["--switches", "--static-seconds", "--runs"],
            "plan": ["--config", "--from", "--to", "--tz"],
            "report": ["--config", "--day", "--json"],
            "keygen": ["--out", "--encrypt", "--force"],
            "publish": ["--key", "--out", "--channel", "--expires-days", "--base-url", "DIR/v/<slide>/<lang>.html"],
            "verify": ["--pub"],
            "sync": ["--config", "--once"],
        ]
        for (command, flags) in options {
            let result = try run([command, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.hasPrefix("Usage: skylt \(command)"))
            for flag in flags { #expect(result.stdout.contains(flag), "\(command) --help lacks \(flag)") }
        }
    }

    @Test("a wrong command line exits 2 and points to --help")
    func usage() throws {
        let result = try run(["render", Repository.demoPlaylist.path, "--outt", "x"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown option --outt"))
        #expect(result.stderr.contains("--help"))
        #expect(try run(["play"]).status == 2)
    }

    @Test("bench prints every figure")
    func bench() throws {
        let result = try run(["bench", "--switches", "50", "--static-seconds", "1", "--runs", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        for figure in [
            "first frame:", "compose time per template", "slide switch", "peak RSS", "CPU on a static slide",
            "RSS after 50 switches", "plan one week",
        ] {
            #expect(result.stdout.contains(figure), "missing: \(figure)")
        }
    }
}

@Suite("The playlist JSON Schema", .timeLimit(.minutes(10)))
struct SchemaTests {
    func validate(_ playlist: URL) throws -> ExternalTool.Result {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
            for error in errors: print("/".join(map(str, error.absolute_path)), error.message)
            sys.exit(1 if errors else 0)
            """
        return try ExternalTool.run(["python3", "-c", script, Repository.schema.path, playlist.path])
    }

    @Test("the demo passes the schema")
    func demo() throws {
        let result = try validate(Repository.demoPlaylist.appendingPathComponent(Playlist.fileName))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test("a playlist with all six data templates passes the schema; a symbol 28 and a missing 'scheduled' do not")
    func dataTemplates() throws {
        let sample = Repository.fixtures.appendingPathComponent("live").appendingPathComponent(Playlist.fileName)
        let result = try validate(sample)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let folder = PlaylistFixture.make(slides: [
            #"{"id": "w", "template": "weather", "place": "P", "fetched": "2026-12-05T10:00:00+01:00", "source": "SMHI", "periods": [{"time": "2026-12-05T10:00:00+01:00", "symbol": 28, "temperature": 1}]}"#,
            #"{"id": "b", "template": "departures", "title": "T", "fetched": "2026-12-05T10:00:00+01:00", "source": "S", "departures": [{"line": "4", "destination": "Växjö"}]}"#,
        ])
        let wrong = try validate(folder.file(Playlist.fileName))
        #expect(wrong.status == 1)
        #expect(wrong.stdout.contains("slides/0/periods/0/symbol"), "\(wrong.stdout)")
        #expect(wrong.stdout.contains("slides/1/departures/0"), "\(wrong.stdout)")
    }

    @Test("the schema catches a misspelt field and a bad template, so editors see them as they type")
    func catches() throws {
        let folder = PlaylistFixture.make(slides: [
            #"{"id": "a", "template": "notice", "title": "T", "body": "B", "titel": "x"}"#,
            #"{"id": "b", "template": "banner"}"#,
        ])
        let result = try validate(folder.file(Playlist.fileName))
        #expect(result.status == 1)
        #expect(result.stdout.contains("slides/0"))
        #expect(result.stdout.contains("slides/1"))
    }
}
