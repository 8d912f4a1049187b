import Foundation
import SkyltStore
import SkyltStudio
import SkyltTestSupport
import Testing

@Suite("skylt-studio init")
struct InitTests {
    let fixture = StudioFixture()

    private func mode(_ url: URL) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? -1
    }

    @Test("init makes the data folder's files, keys/ 0700, the database 0600, and the site folder")
    func layout() throws {
        let result = try StudioTool.run([
            "init", "--data", fixture.data.path, "--site", fixture.site.path, "--base-url",
            StudioFixture.baseURL + "/",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let folder = DataFolder(fixture.data)
        var isFolder: ObjCBool = false
        for url in [folder.mediaFolder, folder.keysFolder, fixture.site] {
            #expect(FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && isFolder.boolValue)
        }
        #expect(try mode(folder.url) == 0o750)
        #expect(try mode(folder.keysFolder) == 0o700)
        #expect(try mode(folder.databaseFile) == 0o600)
        let config = try JSONDecoder().decode(StudioConfig.self, from: Data(contentsOf: folder.configFile))
        #expect(config == StudioConfig(site: fixture.site.standardizedFileURL.path, baseURL: StudioFixture.baseURL))
        let database = try Database(url: folder.databaseFile)
        #expect(try database.userVersion() == StudioSchema.migrations.latestVersion)
        let tables = try database.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .compactMap { $0[0].string }
        #expect(
            tables == [
                "audit_log", "channel_imports", "channel_keys", "channel_limits", "channel_members",
                "channel_settings", "channel_trust", "channels", "invites", "login_attempts", "media",
                "organisation_members", "organisations", "outbox", "publications", "screen_channels", "screens",
                "sessions", "slide_revisions", "slides", "users",
            ])
        #expect(try database.query("SELECT action FROM audit_log").first?[0] == "init")
        // The open connection above keeps the WAL and shared-memory files there to be checked.
        let companions = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
            .filter { $0.hasPrefix(DataFolder.databaseName + "-") }
        #expect(companions.contains(DataFolder.databaseName + "-wal"), "\(companions)")
        for name in companions {
            #expect(try mode(folder.url.appendingPathComponent(name)) & 0o077 == 0, "\(name)")
        }
    }

    @Test("a studio.json over the size cap, or a link to /dev/zero, is not a studio config", arguments: [false, true])
    func bigConfig(link: Bool) throws {
        _ = try fixture.create()
        let file = DataFolder(fixture.data).configFile
        try FileManager.default.removeItem(at: file)
        if link {
            try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: "/dev/zero")
        } else {
            try Data(repeating: 0x20, count: StudioConfig.maxBytes + 1).write(to: file)
        }
        do {
            _ = try Studio.open(data: fixture.data)
            Issue.record("the config was read")
        } catch {
            #expect(error.code == .notAStudio && error.location == file.path)
        }
    }

    @Test("a data folder that exists and is not empty is refused, named, and left as it was")
    func notEmpty() throws {
        try FileManager.default.createDirectory(at: fixture.data, withIntermediateDirectories: true)
        _ = fixture.folder.write("data/notes.txt", "someone else's")
        let result = try StudioTool.run([
            "init", "--data", fixture.data.path, "--site", fixture.site.path, "--base-url", StudioFixture.baseURL,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains(fixture.data.path + ": is not empty"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.data.path) == ["notes.txt"])
        #expect(!FileManager.default.fileExists(atPath: fixture.site.path))
        do {
            _ = try fixture.create()
            Issue.record("a studio was made in a folder with other files")
        } catch {
            #expect(error.code == .dataFolderNotEmpty && error.location == fixture.data.path)
        }
    }

    @Test("folders that exist, the data folder (empty) and the site, keep their modes")
    func existingModes() throws {
        for (url, mode) in [(fixture.data, 0o755), (fixture.site, 0o711)] {
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: mode])
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        }
        let result = try StudioTool.run([
            "init", "--data", fixture.data.path, "--site", fixture.site.path, "--base-url", StudioFixture.baseURL,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try mode(fixture.data) == 0o755)
        #expect(try mode(fixture.site) == 0o711)
        #expect(try mode(DataFolder(fixture.data).keysFolder) == 0o700)
    }

    @Test("a second init is refused, names studio.json, and leaves the first config as it was")
    func twice() throws {
        let first = try StudioTool.run([
            "init", "--data", fixture.data.path, "--site", fixture.site.path, "--base-url", StudioFixture.baseURL,
        ])
        #expect(first.status == 0)
        let config = try Data(contentsOf: DataFolder(fixture.data).configFile)
        let second = try StudioTool.run([
            "init", "--data", fixture.data.path, "--site", fixture.folder.file("other").path, "--base-url",
            "https://other.example.org",
        ])
        #expect(second.status == 1)
        #expect(second.stderr.contains(DataFolder(fixture.data).configFile.path))
        #expect(try Data(contentsOf: DataFolder(fixture.data).configFile) == config)
        do {
            _ = try fixture.create()
            Issue.record("a second studio was made over the first")
        } catch {
            #expect(error.code == .alreadyInitialised)
        }
    }

    @Test(
        "base URLs other than http(s) with a host, or with a query or fragment, are refused",
        arguments: ["ftp://example.org/x", "https://example.org/x?a=1", "https://example.org/x#top", "example.org", ""])
    func badBaseURL(_ url: String) throws {
        do {
            _ = try Studio.create(data: fixture.data, site: fixture.site, baseURL: url)
            Issue.record("\(url) was taken")
        } catch {
            #expect(error.code == .invalidBaseURL)
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.data.path))
    }

    @Test("--help works at the top, for each command, and through help COMMAND")
    func help() throws {
        let top = try StudioTool.run(["--help"])
        #expect(top.status == 0 && top.stdout.contains("Usage: skylt-studio COMMAND"))
        #expect(top.stdout.contains("\n  serve"))
        for command in ["init", "serve", "user", "import", "publish", "channel", "backup"] {
            let own = try StudioTool.run([command, "--help"])
            let viaHelp = try StudioTool.run(["help", command])
            #expect(own.status == 0 && own.stdout.contains("Usage: skylt-studio \(command)"), "\(command)")
            #expect(viaHelp.stdout == own.stdout)
        }
        #expect(try StudioTool.run(["backup", "--help"]).stdout.contains("0600"))
        #expect(try StudioTool.run(["serve"]).status == 2)
        #expect(try StudioTool.run(["serve", "--data", "x", "--listen", "nowhere"]).status == 2)
    }
}
