import Foundation
import SkyltBundle
import SkyltStore
import SkyltStudio
import SkyltTestSupport
import Testing

@Suite("skylt-studio user add")
struct UserTests {
    let fixture = StudioFixture()
    static let password = "rågmjöl och lingon 42"

    init() throws {
        _ = try fixture.create()
    }

    private func addUser(_ name: String, role: String = "admin", password: String = Self.password) throws
        -> ExternalTool.Result
    {
        try StudioTool.run(
            ["user", "add", name, "--role", role, "--password-stdin", "--data", fixture.data.path],
            input: password + "\n")
    }

    private func users() throws -> [Row] {
        try Database(url: DataFolder(fixture.data).databaseFile).query(
            "SELECT name, role, password_hash FROM users ORDER BY id")
    }

    @Test("the password from stdin is stored only as an Argon2id hash that verifies, and never echoed")
    func add() throws {
        // A connection held open across the run keeps the WAL from being checkpointed away, so
        // the row is in the -wal file too, and that file is searched as well.
        let holder = try Database(url: DataFolder(fixture.data).databaseFile)
        _ = try holder.query("SELECT count(*) FROM users")
        let result = try addUser("anna.berg", role: "publisher")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains(Self.password) && !result.stderr.contains(Self.password))
        let rows = try users()
        #expect(rows.count == 1)
        #expect(rows[0][0] == "anna.berg" && rows[0][1] == "publisher")
        let hash = try #require(rows[0][2].string)
        #expect(hash.hasPrefix("$argon2id$"))
        #expect(PasswordHash.verify(Self.password, against: hash))
        #expect(!PasswordHash.verify(Self.password + "\n", against: hash))
        let database = try Data(contentsOf: DataFolder(fixture.data).databaseFile)
        #expect(database.range(of: Data(Self.password.utf8)) == nil)
        let wal = try Data(contentsOf: URL(fileURLWithPath: DataFolder(fixture.data).databaseFile.path + "-wal"))
        #expect(wal.range(of: Data("anna.berg".utf8)) != nil)
        #expect(wal.range(of: Data(Self.password.utf8)) == nil)
        let audit = try Database(url: DataFolder(fixture.data).databaseFile).query(
            "SELECT action, subject FROM audit_log WHERE action = 'user.add'")
        #expect(audit.first?[1] == "anna.berg")
    }

    @Test("--email gives the new user a mail address; one that is not an address adds no user")
    func email() throws {
        let base = ["user", "add", "anna", "--role", "contributor", "--password-stdin", "--data", fixture.data.path]
        let refused = try StudioTool.run(base + ["--email", "anna at byn.se"], input: Self.password + "\n")
        #expect(refused.status != 0 && refused.stderr.contains("--email"))
        #expect(try users().isEmpty)
        let added = try StudioTool.run(base + ["--email", "anna@byn.se"], input: Self.password + "\n")
        #expect(added.status == 0, "\(added.stderr)")
        let rows = try Database(url: DataFolder(fixture.data).databaseFile).query("SELECT email FROM users")
        #expect(rows.map { $0[0].string } == ["anna@byn.se"])
    }

    @Test("a second user of the same name is refused, and the first keeps its password")
    func duplicate() throws {
        #expect(try addUser("anna").status == 0)
        let second = try addUser("anna", role: "editor", password: "ett helt annat lösenord")
        #expect(second.status == 1)
        #expect(second.stderr.contains("anna: a user of that name exists already"))
        let rows = try users()
        #expect(rows.count == 1 && rows[0][1] == "admin")
        let studio = try Studio.open(data: fixture.data)
        do {
            try studio.addUser(name: "anna", role: .editor, password: Self.password)
            Issue.record("a duplicate user was added")
        } catch {
            #expect(error.code == .duplicateUser)
        }
    }

    @Test("a password line ending in CR LF loses the CR, and a name is stored NFC-normalised")
    func normalised() throws {
        let decomposed = "a\u{030A}sa"
        let result = try StudioTool.run(
            ["user", "add", decomposed, "--role", "editor", "--password-stdin", "--data", fixture.data.path],
            input: Self.password + "\r\n")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try users()
        #expect(rows.first?[0].string?.unicodeScalars.elementsEqual("\u{E5}sa".unicodeScalars) == true)
        let hash = try #require(rows.first?[2].string)
        #expect(PasswordHash.verify(Self.password, against: hash))
        let studio = try Studio.open(data: fixture.data)
        do {
            try studio.addUser(name: "\u{E5}sa", role: .admin, password: Self.password)
            Issue.record("the composed spelling made a second user")
        } catch {
            #expect(error.code == .duplicateUser)
        }
    }

    @Test("a password under 12 characters is refused and nothing is stored")
    func shortPassword() throws {
        let result = try addUser("bo", password: "elva tecken")
        #expect(result.status == 1)
        #expect(try users().isEmpty)
        #expect(try addUser("bo", password: "tolv tecken!").status == 0)
    }

    @Test("an unknown role is a usage error that lists the roles")
    func badRole() throws {
        let result = try addUser("cilla", role: "owner")
        #expect(result.status == 2)
        #expect(result.stderr.contains("admin, publisher, editor, contributor"))
        #expect(try users().isEmpty)
    }

    @Test("the schema refuses a role outside the four, whatever the caller")
    func roleCheck() throws {
        let database = try Database(url: DataFolder(fixture.data).databaseFile)
        do {
            try database.execute(
                "INSERT INTO users (name, role, password_hash, created_at) VALUES ('x', 'owner', 'h', 'now')")
            Issue.record("the CHECK let 'owner' in")
        } catch {
            #expect(error.code == .check)
        }
    }
}
