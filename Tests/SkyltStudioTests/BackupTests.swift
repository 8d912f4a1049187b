import Foundation
import SkyltStore
import SkyltStudio
import SkyltTestSupport
import Testing

@Suite("skylt-studio backup")
struct StudioBackupTests {
    let fixture = StudioFixture()

    @Test("the archive is 0600 and holds a database with the users and slides, the media and the keys")
    func backup() throws {
        let studio = try fixture.create()
        try studio.addUser(name: "anna", role: .admin, password: "ett långt lösenord")
        _ = try studio.importPlaylist(channel: "demo", from: Repository.demoPlaylist)
        let archive = fixture.folder.file("studio.tar")
        let result = try StudioTool.run(["backup", "--out", archive.path, "--data", fixture.data.path])
        #expect(result.status == 0, "\(result.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: archive.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let restored = fixture.folder.file("restored")
        try FileManager.default.createDirectory(at: restored, withIntermediateDirectories: true)
        let untar = try ExternalTool.run(["tar", "--extract", "--file", archive.path, "--directory", restored.path])
        #expect(untar.status == 0, "\(untar.stderr)")
        let database = try Database(url: restored.appendingPathComponent(DataFolder.databaseName))
        #expect(try database.query("SELECT name FROM users").map { $0[0] } == ["anna"])
        #expect(try database.query("SELECT count(*) FROM slides")[0][0] == 7)
        let key = try String(contentsOf: restored.appendingPathComponent("keys/demo.key"), encoding: .utf8)
        #expect(key == (try String(contentsOf: DataFolder(fixture.data).keyFile(channel: "demo"), encoding: .utf8)))
        let media = try FileManager.default.contentsOfDirectory(atPath: restored.appendingPathComponent("media").path)
        #expect(media.count == 5)
        #expect(FileManager.default.fileExists(atPath: restored.appendingPathComponent(StudioConfig.fileName).path))
        let reopened = try Studio.open(data: restored)
        #expect(try reopened.channel(named: "demo").publicKey == (try studio.channel(named: "demo").publicKey))
    }

    @Test("an existing file is never overwritten")
    func existing() throws {
        _ = try fixture.create()
        let archive = fixture.folder.write("studio.tar", "keep me")
        let result = try StudioTool.run(["backup", "--out", archive.path, "--data", fixture.data.path])
        #expect(result.status == 1)
        #expect(try String(contentsOf: archive, encoding: .utf8) == "keep me")
        let studio = try Studio.open(data: fixture.data)
        do {
            try studio.backup(to: archive)
            Issue.record("the backup overwrote a file")
        } catch {
            #expect(error.code == .backupExists)
        }
    }
}

extension StudioBackupTests {
    @Test("no entry of the archive, the data folder's own included, is readable by group or others")
    func privateEntries() throws {
        let studio = try fixture.create()
        _ = try studio.importPlaylist(channel: "demo", from: Repository.demoPlaylist)
        let archive = fixture.folder.file("studio.tar")
        try studio.backup(to: archive)
        let listing = try ExternalTool.run(["tar", "-tvf", archive.path])
        #expect(listing.status == 0, "\(listing.stderr)")
        var entries: [String: String] = [:]
        for line in listing.stdout.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let mode = fields.first, let name = fields.last else { continue }
            entries[String(name)] = String(mode)
        }
        for name in ["./", DataFolder.databaseName, StudioConfig.fileName, "keys/", "keys/demo.key"] {
            let mode = try #require(entries[name], "\(name) is not in \(listing.stdout)")
            #expect(mode.dropFirst(4) == "------", "\(name): \(mode)")
        }
        #expect(entries.values.allSatisfy { $0.dropFirst(4) == "------" }, "\(listing.stdout)")
    }

    @Test("the command line writes its data for its own user alone, and the published site for all")
    func umask() throws {
        let made = try StudioTool.run([
            "init", "--data", fixture.data.path, "--site", fixture.site.path, "--base-url", StudioFixture.baseURL,
        ])
        #expect(made.status == 0, "\(made.stderr)")
        let data = ["--data", fixture.data.path]
        #expect(try StudioTool.run(["import", "demo", Repository.demoPlaylist.path] + data).status == 0)
        #expect(try StudioTool.run(["publish", "demo"] + data).status == 0)
        let media = DataFolder(fixture.data).mediaFolder
        let medium = try #require(try FileManager.default.contentsOfDirectory(atPath: media.path).first)
        #expect(try permissions(media.appendingPathComponent(medium)) & 0o077 == 0)
        #expect(try permissions(DataFolder(fixture.data).keyFile(channel: "demo")) == 0o600)
        let manifest = fixture.site.appendingPathComponent("demo/manifest.json")
        #expect(try permissions(manifest) & 0o044 == 0o044)
        #expect(try permissions(fixture.site.appendingPathComponent("demo")) & 0o055 == 0o055)
    }

    private func permissions(_ url: URL) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? -1
    }
}
