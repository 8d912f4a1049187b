import Foundation
import SkyltBundle
import SkyltStore
import SkyltStudio
import Testing

@Suite("studio accounts: login, sessions, CSRF, rate limits")
struct AccountsTests {
    let fixture = StudioFixture()
    let studio: Studio
    static let password = "rågmjöl och lingon 42"
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// Records the hashes the password checks ran against, and runs the real check.
    final class Verifications {
        var hashes: [String] = []
        func verifier(real: Bool = true) -> Accounts.Verifier {
            { password, hash in
                self.hashes.append(hash)
                return real ? PasswordHash.verify(password, against: hash) : password == AccountsTests.password
            }
        }
    }

    init() throws {
        studio = try fixture.create()
        try studio.addUser(name: "anna", role: .publisher, password: Self.password)
    }

    private func failure(_ body: () throws(StudioError) -> Session) -> StudioError.Code? {
        do {
            _ = try body()
            return nil
        } catch {
            return error.code
        }
    }

    private func audit(_ action: String) throws -> [Row] {
        try studio.database.query("SELECT actor, subject, detail FROM audit_log WHERE action = ?", [.text(action)])
    }

    @Test("a login gives a 256-bit base64url token, the user's role and a CSRF token, and is audited")
    func success() throws {
        let accounts = Accounts(studio: studio)
        let session = try accounts.login(name: "anna", password: Self.password, address: "192.0.2.7", now: Self.t0)
        #expect(
            session.token.count == 43 && session.token.allSatisfy { $0.isLetter || $0.isNumber || "-_".contains($0) })
        #expect(session.userName == "anna" && session.role == .publisher)
        #expect(session.csrfToken.count == 43 && session.csrfToken != session.token)
        #expect(session.expiresAt == Self.t0.addingTimeInterval(7 * 24 * 3600))
        let found = try #require(try accounts.session(token: session.token, now: Self.t0.addingTimeInterval(5)))
        #expect(found == session)
        #expect(try accounts.session(token: SecretToken.make(), now: Self.t0) == nil)
        let rows = try audit("login")
        #expect(rows.count == 1 && rows[0][1] == "anna" && rows[0][2] == "from 192.0.2.7")
    }

    @Test("a wrong password and an unknown name give the same error, and both run an Argon2id check")
    func sameError() throws {
        let checks = Verifications()
        let accounts = Accounts(studio: studio, verify: checks.verifier())
        let wrong = failure { () throws(StudioError) in
            try accounts.login(name: "anna", password: "fel lösenord igen", address: "a", now: Self.t0)
        }
        let unknown = failure { () throws(StudioError) in
            try accounts.login(name: "bertil", password: Self.password, address: "a", now: Self.t0)
        }
        #expect(wrong == .loginFailed && unknown == .loginFailed)
        #expect(checks.hashes.count == 2)
        #expect(checks.hashes.allSatisfy { $0.hasPrefix("$argon2id$") })
        #expect(checks.hashes[0] != checks.hashes[1])
        let failed = try audit("login.failed")
        #expect(failed.map { $0[1] } == ["anna", "bertil"])
        let log = try studio.database.query("SELECT group_concat(detail || subject || actor) FROM audit_log")
        #expect(log[0][0].string?.contains(Self.password) == false)
    }

    @Test("the session token is in neither the database nor its WAL; its SHA-256 is")
    func tokenNotStored() throws {
        let holder = try Database(url: DataFolder(fixture.data).databaseFile)
        _ = try holder.query("SELECT count(*) FROM sessions")
        let session = try Accounts(studio: studio).login(name: "anna", password: Self.password, address: "a")
        let file = DataFolder(fixture.data).databaseFile
        let contents = try Data(contentsOf: file) + Data(contentsOf: URL(fileURLWithPath: file.path + "-wal"))
        #expect(contents.range(of: Data(session.token.utf8)) == nil)
        #expect(contents.range(of: Data(SecretToken.sha256Hex(session.token).utf8)) != nil)
    }

    @Test("a session ends after 8 idle hours; last_seen moves at most once a minute")
    func idleExpiry() throws {
        let accounts = Accounts(studio: studio)
        let token = try accounts.login(name: "anna", password: Self.password, address: "a", now: Self.t0).token
        let lastSeen = { try self.studio.database.query("SELECT last_seen_at FROM sessions")[0][0] }
        let before = try lastSeen()
        #expect(try accounts.session(token: token, now: Self.t0.addingTimeInterval(30)) != nil)
        #expect(try lastSeen() == before)
        let later = Self.t0.addingTimeInterval(8 * 3600 - 1)
        #expect(try accounts.session(token: token, now: later) != nil)
        #expect(try lastSeen() != before)
        #expect(try accounts.session(token: token, now: later.addingTimeInterval(8 * 3600 - 1)) != nil)
        #expect(try accounts.session(token: token, now: later.addingTimeInterval(2 * 8 * 3600)) == nil)
        #expect(try studio.database.query("SELECT count(*) FROM sessions")[0][0] == 0)
    }

    @Test("a session in constant use ends 7 days after login")
    func absoluteExpiry() throws {
        let accounts = Accounts(studio: studio)
        let token = try accounts.login(name: "anna", password: Self.password, address: "a", now: Self.t0).token
        var now = Self.t0
        while now < Self.t0.addingTimeInterval(7 * 24 * 3600 - 3600) {
            now += 3600
            #expect(try accounts.session(token: token, now: now) != nil)
        }
        #expect(try accounts.session(token: token, now: Self.t0.addingTimeInterval(7 * 24 * 3600)) == nil)
    }

    @Test("logout ends the session, is audited, and an unknown token is no error")
    func logout() throws {
        let accounts = Accounts(studio: studio)
        let token = try accounts.login(name: "anna", password: Self.password, address: "a", now: Self.t0).token
        try accounts.logout(token: token, now: Self.t0)
        #expect(try accounts.session(token: token, now: Self.t0) == nil)
        try accounts.logout(token: token, now: Self.t0)
        #expect(try audit("logout").map { $0[1] } == ["anna"])
    }

    @Test("the CSRF check takes the session's token only: not another, not a prefix, not an empty one")
    func csrf() throws {
        let accounts = Accounts(studio: studio)
        let session = try accounts.login(name: "anna", password: Self.password, address: "a", now: Self.t0)
        #expect(accounts.checkCSRF(session: session, submitted: session.csrfToken))
        #expect(!accounts.checkCSRF(session: session, submitted: SecretToken.make()))
        #expect(!accounts.checkCSRF(session: session, submitted: String(session.csrfToken.dropLast())))
        #expect(!accounts.checkCSRF(session: session, submitted: ""))
        var empty = session
        empty.csrfToken = ""
        #expect(!accounts.checkCSRF(session: empty, submitted: ""))
    }
}
