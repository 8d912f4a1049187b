import Foundation
import SkyltStore
import SkyltTestSupport
import Testing

/// Constraints and transactions: violations come back as codes a caller can switch on, and a
/// failed transaction leaves nothing behind.
@Suite("constraints and transactions")
struct ConstraintTests {
    let folder = TemporaryFolder()

    struct Refused: Error {}

    func database() throws -> Database {
        let database = try Database(url: folder.file("studio.sqlite"))
        try database.executeScript(
            """
            CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE,
                age INTEGER CHECK (age >= 0));
            CREATE TABLE slide (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL REFERENCES account(id));
            INSERT INTO account (id, email) VALUES (1, 'anna@example.org');
            """)
        return database
    }

    func failure(_ body: () throws -> Void) -> StoreError? {
        do {
            try body()
            return nil
        } catch {
            return error as? StoreError
        }
    }

    @Test("a row pointing at a missing row is refused as a foreign key violation")
    func foreignKey() throws {
        let database = try database()
        let error = failure { try database.execute("INSERT INTO slide (owner) VALUES (?)", [99]) }
        #expect(error?.code == .foreignKey)
        #expect(error?.sql == "INSERT INTO slide (owner)")
        try database.execute("INSERT INTO slide (owner) VALUES (?)", [1])
        #expect(failure { try database.execute("DELETE FROM account WHERE id = 1") }?.code == .foreignKey)
    }

    @Test("a duplicate is refused as a unique violation, without the bound value in the error")
    func unique() throws {
        let database = try database()
        let error = failure {
            try database.execute("INSERT INTO account (email) VALUES (?)", ["anna@example.org"])
        }
        #expect(error?.code == .unique)
        #expect(error?.description.contains("anna@example.org") == false)
        #expect(failure { try database.execute("INSERT INTO account (id, email) VALUES (1, 'b')") }?.code == .unique)
        #expect(failure { try database.execute("INSERT INTO account (email) VALUES (NULL)") }?.code == .notNull)
        #expect(failure { try database.execute("INSERT INTO account (email, age) VALUES ('c', -1)") }?.code == .check)
    }

    @Test("a transaction commits what its body did")
    func commits() throws {
        let database = try database()
        let id = try database.transaction {
            try database.execute("INSERT INTO account (email) VALUES (?)", ["bo@example.org"])
            return database.lastInsertRowID
        }
        #expect(!database.isInTransaction)
        #expect(
            try database.query("SELECT email FROM account WHERE id = ?", [.integer(id)]).first?[0] == "bo@example.org")
    }

    @Test("a transaction is rolled back when its body throws, and the error comes through")
    func rollsBack() throws {
        let database = try database()
        #expect(throws: Refused.self) {
            try database.transaction {
                try database.execute("INSERT INTO account (email) VALUES (?)", ["bo@example.org"])
                throw Refused()
            }
        }
        #expect(!database.isInTransaction)
        #expect(try database.query("SELECT count(*) FROM account").first?[0] == 1)
        // A constraint violation inside rolls back the earlier statements too.
        let error = failure {
            try database.transaction {
                try database.execute("INSERT INTO account (email) VALUES (?)", ["cy@example.org"])
                try database.execute("INSERT INTO slide (owner) VALUES (?)", [99])
            }
        }
        #expect(error?.code == .foreignKey)
        #expect(try database.query("SELECT count(*) FROM account").first?[0] == 1)
    }

    @Test("a transaction inside another rolls back alone, as a savepoint")
    func nested() throws {
        let database = try database()
        try database.transaction {
            try database.execute("INSERT INTO account (email) VALUES ('outer')")
            try? database.transaction {
                try database.execute("INSERT INTO account (email) VALUES ('inner')")
                throw Refused()
            }
        }
        let emails = try database.query("SELECT email FROM account ORDER BY id").map { $0[0] }
        #expect(emails == ["anna@example.org", "outer"])
    }
}
