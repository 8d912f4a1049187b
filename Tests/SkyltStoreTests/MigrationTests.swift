import Foundation
import SkyltStore
import SkyltTestSupport
import Testing

/// Schema migrations by `user_version`: from nothing, from an older schema with data, and the
/// refusal of a schema from a newer program.
@Suite("migrations")
struct MigrationTests {
    let folder = TemporaryFolder()

    static let version1 = "CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);"
    static let version2 = """
        ALTER TABLE account ADD COLUMN name TEXT NOT NULL DEFAULT '';
        CREATE TABLE slide (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL REFERENCES account(id));
        """

    var file: URL { folder.file("studio.sqlite") }

    @Test("an empty database is brought to the latest version")
    func fromEmpty() throws {
        let database = try Database(url: file)
        #expect(try database.userVersion() == 0)
        let migrations = Migrations([Self.version1, Self.version2])
        #expect(try migrations.migrate(database) == 0)
        #expect(try database.userVersion() == 2)
        let tables = try database.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        #expect(tables.map { $0[0] } == ["account", "slide"])
        // Running again changes nothing.
        #expect(try migrations.migrate(database) == 2)
        #expect(try database.userVersion() == 2)
    }

    @Test("a database made at version 1 is migrated to 2 and keeps its rows")
    func fromPrevious() throws {
        do {
            let old = try Database(url: file)
            try Migrations([Self.version1]).migrate(old)
            try old.execute("INSERT INTO account (email) VALUES (?)", ["anna@example.org"])
            old.close()
        }
        let database = try Database(url: file)
        #expect(try Migrations([Self.version1, Self.version2]).migrate(database) == 1)
        #expect(try database.userVersion() == 2)
        let rows = try database.query("SELECT id, email, name FROM account")
        #expect(rows.map(\.values) == [[1, "anna@example.org", ""]])
        try database.execute("INSERT INTO slide (owner) VALUES (1)")
    }

    @Test("a database from a newer program is refused and left alone")
    func tooNew() throws {
        do {
            let newer = try Database(url: file)
            try Migrations([Self.version1, Self.version2, "CREATE TABLE later (id INTEGER);"]).migrate(newer)
        }
        let database = try Database(url: file)
        do {
            try Migrations([Self.version1, Self.version2]).migrate(database)
            Issue.record("a newer schema was accepted")
        } catch let error as StoreError {
            #expect(error.code == .schemaTooNew(found: 3, known: 2))
            #expect(error.location == file.path)
        }
        #expect(try database.userVersion() == 3)
    }

    @Test("a failing step leaves the database at the version before it, whole")
    func failingStep() throws {
        let database = try Database(url: file)
        let broken = Migrations([Self.version1, "CREATE TABLE extra (id INTEGER); INSERT INTO nowhere VALUES (1);"])
        #expect(throws: StoreError.self) { try broken.migrate(database) }
        #expect(try database.userVersion() == 1)
        #expect(try database.query("SELECT name FROM sqlite_schema WHERE name = 'extra'").isEmpty)
    }
}
