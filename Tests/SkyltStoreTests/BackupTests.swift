import Foundation
import SkyltStore
import SkyltTestSupport
import Testing

@Suite("online backup")
struct BackupTests {
    let folder = TemporaryFolder()

    @Test("a backup opens as a database with the rows, including those still in the WAL")
    func backup() throws {
        let database = try Database(url: folder.file("studio.sqlite"))
        try Migrations(["CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT NOT NULL)"]).migrate(database)
        for index in 0..<50 {
            try database.execute("INSERT INTO account (email) VALUES (?)", [DatabaseValue("\(index)@example.org")])
        }
        let target = folder.file("backup.sqlite")
        try database.backup(to: target)
        // A second backup replaces the first.
        try database.execute("INSERT INTO account (email) VALUES ('late@example.org')")
        try database.backup(to: target)
        database.close()
        try FileManager.default.removeItem(at: folder.file("studio.sqlite"))

        // A database holds password hashes: its copy is the owner's alone, whatever the umask.
        let mode = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let copy = try Database(url: target)
        #expect(try copy.userVersion() == 1)
        #expect(try copy.query("SELECT count(*) FROM account").first?[0] == 51)
        #expect(try copy.query("SELECT email FROM account ORDER BY id DESC LIMIT 1").first?[0] == "late@example.org")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(leftovers == [])
    }

    @Test("a backup into a folder that does not exist fails with a typed error")
    func missingFolder() throws {
        let database = try Database(url: folder.file("studio.sqlite"))
        do {
            try database.backup(to: folder.file("missing/backup.sqlite"))
            Issue.record("a backup into a missing folder succeeded")
        } catch {
            #expect(error.code == .cannotOpen)
        }
    }
}
