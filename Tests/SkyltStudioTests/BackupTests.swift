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
