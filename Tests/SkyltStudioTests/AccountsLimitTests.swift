import Foundation
import SkyltBundle
import SkyltStore
import SkyltStudio
import Testing

@Suite("studio accounts: rate limits, disabled users, schema version 2")
struct AccountsLimitTests {
    let fixture = StudioFixture()
    let studio: Studio
    static let password = AccountsTests.password
    static let t0 = AccountsTests.t0

    init() throws {
        studio = try fixture.create()
        try studio.addUser(name: "anna", role: .publisher, password: Self.password)
    }

    private func code(
        _ accounts: Accounts, _ name: String, _ password: String, from address: String = "a", at seconds: Double
    ) -> StudioError.Code? {
        do {
            _ = try accounts.login(
                name: name, password: password, address: address, now: Self.t0.addingTimeInterval(seconds))
            return nil
        } catch {
            return error.code
        }
    }

    @Test("5 failures for a name refuse the 6th unchecked, from any address, until 15 minutes have passed")
    func perName() throws {
        let checks = AccountsTests.Verifications()
        let accounts = Accounts(studio: studio, verify: checks.verifier())
        for second in 0..<5 { #expect(code(accounts, "anna", "fel lösenord", at: Double(second)) == .loginFailed) }
        #expect(code(accounts, "anna", Self.password, from: "b", at: 5) == .tooManyAttempts(waitMinutes: 15))
        #expect(code(accounts, "anna", Self.password, at: 9 * 60 + 30) == .tooManyAttempts(waitMinutes: 6))
        #expect(checks.hashes.count == 5)
        #expect(code(accounts, "anna", Self.password, at: 15 * 60 + 1) == nil)
    }

    @Test("a success clears the name's failures")
    func resetBySuccess() throws {
        let accounts = Accounts(studio: studio)
        for second in 0..<4 { #expect(code(accounts, "anna", "fel lösenord", at: Double(second)) == .loginFailed) }
        #expect(code(accounts, "anna", Self.password, at: 10) == nil)
        for second in 20..<24 { #expect(code(accounts, "anna", "fel lösenord", at: Double(second)) == .loginFailed) }
        #expect(code(accounts, "anna", Self.password, at: 30) == nil)
    }

    @Test("20 failures from an address refuse it for every name, while other addresses still log in")
    func perAddress() throws {
        let checks = AccountsTests.Verifications()
        let accounts = Accounts(studio: studio, verify: checks.verifier(real: false))
        for index in 0..<20 {
            #expect(code(accounts, "gäst\(index % 5)", "fel", from: "198.51.100.9", at: Double(index)) == .loginFailed)
        }
        #expect(
            code(accounts, "anna", Self.password, from: "198.51.100.9", at: 30) == .tooManyAttempts(waitMinutes: 15))
        #expect(checks.hashes.count == 20)
        #expect(code(accounts, "anna", Self.password, from: "198.51.100.10", at: 31) == nil)
        #expect(code(accounts, "anna", Self.password, from: "198.51.100.9", at: 15 * 60 + 20) == nil)
    }

    @Test("a disabled user cannot log in, and disabling ends their sessions")
    func disabled() throws {
        let accounts = Accounts(studio: studio)
        let token = try accounts.login(name: "anna", password: Self.password, address: "a", now: Self.t0).token
        try studio.setDisabled(true, name: "anna")
        #expect(try accounts.session(token: token, now: Self.t0) == nil)
        #expect(code(accounts, "anna", Self.password, at: 1) == .accountDisabled)
        #expect(code(accounts, "anna", "fel lösenord", at: 2) == .loginFailed)
        try studio.setDisabled(false, name: "anna")
        #expect(code(accounts, "anna", Self.password, at: 3) == nil)
        do {
            try studio.setDisabled(true, name: "nobody")
            Issue.record("an unknown user was disabled")
        } catch {
            #expect(error.code == .unknownUser)
        }
    }

    @Test("a password hashed at an older, cheaper cost is rehashed at today's cost on login")
    func rehash() throws {
        // The test password hashed by libsodium with t=1, m=8 KiB.
        let cheap = "$argon2id$v=19$m=8,t=1,p=1$jGjdgGpULms1qScZb++dZw$otjGmzKp4euRtVA6PvskAGFeoT1zp7z/2+grVrCuPAk"
        #expect(PasswordHash.verify(Self.password, against: cheap) && PasswordHash.needsRehash(cheap))
        try studio.database.execute("UPDATE users SET password_hash = ? WHERE name = 'anna'", [.text(cheap)])
        #expect(code(Accounts(studio: studio), "anna", Self.password, at: 0) == nil)
        let stored = try #require(try studio.database.query("SELECT password_hash FROM users")[0][0].string)
        #expect(stored != cheap && !PasswordHash.needsRehash(stored))
        #expect(PasswordHash.verify(Self.password, against: stored))
    }

    @Test("a version-1 database is migrated to the current version and keeps its users, who can log in")
    func migration() throws {
        let file = DataFolder(fixture.data).databaseFile
        let hash = try #require(try studio.database.query("SELECT password_hash FROM users")[0][0].string)
        studio.database.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file.path + suffix) }
        let old = try Database(url: file)
        try Migrations(Array(StudioSchema.migrations.steps.prefix(1))).migrate(old)
        try old.execute(
            "INSERT INTO users (name, role, password_hash, created_at) VALUES ('anna', 'admin', ?, 'then')",
            [.text(hash)])
        #expect(try old.userVersion() == 1)
        old.close()
        let reopened = try Studio.open(data: fixture.data)
        #expect(try reopened.database.userVersion() == StudioSchema.migrations.steps.count)
        #expect(try reopened.database.query("SELECT name, disabled FROM users")[0].values == ["anna", 0])
        let session = try Accounts(studio: reopened).login(name: "anna", password: Self.password, address: "a")
        #expect(session.role == .admin)
    }
}
