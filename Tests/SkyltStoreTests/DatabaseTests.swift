import Foundation
import SkyltStore
import SkyltTestSupport
import Testing

@Suite("opening a database")
struct DatabaseTests {
    let folder = TemporaryFolder()

    @Test("a new file is created in WAL mode, with foreign keys on and NORMAL sync")
    func settings() throws {
        let file = folder.file("studio.sqlite")
        let database = try Database(url: file)
        #expect(FileManager.default.fileExists(atPath: file.path))
        #expect(try database.query("PRAGMA journal_mode").first?[0] == "wal")
        #expect(try database.query("PRAGMA foreign_keys").first?[0] == 1)
        #expect(try database.query("PRAGMA synchronous").first?[0] == 1)  // 1 is NORMAL
        #expect(try database.query("PRAGMA busy_timeout").first?[0] == 5000)
        let quick = try Database(url: file, busyTimeoutSeconds: 0.25)
        #expect(try quick.query("PRAGMA busy_timeout").first?[0] == 250)
    }

    @Test("a file that is not a database is refused as damaged, naming the file")
    func notADatabase() throws {
        let file = folder.write("studio.sqlite", String(repeating: "not a database. ", count: 100))
        do {
            _ = try Database(url: file)
            Issue.record("a text file opened as a database")
        } catch {
            #expect(error.code == .corrupt)
            #expect(error.location == file.path)
        }
    }

    @Test("a database in a missing folder cannot be opened")
    func missingFolder() throws {
        do {
            _ = try Database(url: folder.file("missing/studio.sqlite"))
            Issue.record("a database opened in a missing folder")
        } catch {
            #expect(error.code == .cannotOpen)
        }
    }
}
