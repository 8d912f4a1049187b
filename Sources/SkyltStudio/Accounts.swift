public import Foundation
public import SkyltBundle
import SkyltCore
import SkyltStore

/// Logging in: the account logic the studio's web server calls, kept free of HTTP so that it
/// is tested on its own. Time is always passed in (`now`), so tests need no sleeping.
///
/// A wrong name and a wrong password give the same error after the same work: an unknown name
/// is checked against a dummy Argon2id hash, so neither the answer nor its time tells a
/// stranger which names exist. Failed logins are counted per name and per address; past the
/// limits further attempts are refused before any password is checked.
public struct Accounts {
    /// How long sessions live and how many failures are let through.
    public struct Policy: Sendable {
        /// A session not used for this long is over.
        public var idleTimeout: TimeInterval = 8 * 3600
        /// A session is over this long after login, however busy.
        public var lifetime: TimeInterval = 7 * 24 * 3600
        /// `last_seen_at` is written at most this often, not on every request.
        public var touchInterval: TimeInterval = 60
        /// Failures older than this no longer count.
        public var attemptWindow: TimeInterval = 15 * 60
        public var maxFailuresPerName = 5
        /// Higher than per name: several people of one office may share an address.
        public var maxFailuresPerAddress = 20

        public init() {}
    }

    /// Checks a password against a stored hash: `PasswordHash.verify`, or a stand-in in tests
    /// that counts the calls.
    public typealias Verifier = (_ password: String, _ hash: String) -> Bool

    public let studio: Studio
    public let policy: Policy
    let verify: Verifier

    /// A hash of a password nobody knows, made at today's cost, so an unknown name costs the
    /// same Argon2id work as a known one.
    static let dummyHash: String = (try? PasswordHash.make(SecretToken.make())) ?? ""

    /// Typed names are kept this long at most in the attempts table and the audit log.
    static let maxStoredNameCharacters = 128

    public init(studio: Studio, policy: Policy = Policy(), verify: @escaping Verifier = PasswordHash.verify) {
        self.studio = studio
        self.policy = policy
        self.verify = verify
        // Made now, so that the first unknown name does not pay for it and stand out.
        _ = Self.dummyHash
    }

    /// Logs `name` in from `address` and starts a session. Throws `tooManyAttempts` past the
    /// limits (the password unchecked), `loginFailed` for a wrong name or password alike, and
    /// `accountDisabled` for the right password of a disabled user. A success clears the
    /// name's failures and rehashes a password stored at an older cost.
    public func login(name given: String, password: String, address: String, now: Date = Date())
        throws(StudioError) -> Session
    {
        let name = String(given.precomposedStringWithCanonicalMapping.prefix(Self.maxStoredNameCharacters))
        try refuseWhenLimited(name: name, address: address, now: now)
        let user = try Users.isValidName(name) ? account(named: name) : nil
        let sized = password.utf8.count <= Users.maxPasswordBytes
        let matches = verify(sized ? password : "", user?.passwordHash ?? Self.dummyHash) && sized && user != nil
        guard let user, matches, !user.disabled else {
            try recordFailure(name: name, address: address, now: now)
            throw StudioError(matches ? .accountDisabled : .loginFailed)
        }
        return try startSession(for: user, password: password, address: address, now: now)
    }

    /// A user row as login needs it.
    struct Account {
        var id: Int64
        var name: String
        var role: Role
        var passwordHash: String
        var disabled: Bool
    }

    private func account(named name: String) throws(StudioError) -> Account? {
        let rows = try storing { () throws(StoreError) in
            try studio.database.query(
                "SELECT id, name, role, password_hash, disabled FROM users WHERE name = ?", [.text(name)])
        }
        guard let row = rows.first, case .integer(let id) = row[0], let name = row[1].string,
            let role = row[2].string.flatMap(Role.init(rawValue:)), let hash = row[3].string
        else { return nil }
        return Account(id: id, name: name, role: role, passwordHash: hash, disabled: row[4].int != 0)
    }

    private func startSession(for user: Account, password: String, address: String, now: Date)
        throws(StudioError) -> Session
    {
        // Hashed before the transaction: Argon2id takes long, and the write lock is shared.
        let rehashed = PasswordHash.needsRehash(user.passwordHash) ? try? PasswordHash.make(password) : nil
        let session = Session(
            id: 0, token: SecretToken.make(), userID: user.id, userName: user.name, role: user.role,
            csrfToken: SecretToken.make(), expiresAt: now.addingTimeInterval(policy.lifetime))
        return try studio.transaction { () throws(StudioError) in
            let id = try storing { () throws(StoreError) in
                let database = studio.database
                if let rehashed {
                    try database.execute(
                        "UPDATE users SET password_hash = ? WHERE id = ?", [.text(rehashed), .integer(user.id)])
                }
                try database.execute("DELETE FROM login_attempts WHERE name = ?", [.text(user.name)])
                let at = Studio.timestamp(now)
                try database.execute(
                    """
                    INSERT INTO sessions (token_sha256, user_id, csrf_token, created_at, last_seen_at, expires_at,
                        remote_address) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .text(SecretToken.sha256Hex(session.token)), .integer(user.id), .text(session.csrfToken),
                        .text(at), .text(at), .text(Studio.timestamp(session.expiresAt)), .text(address),
                    ])
                return database.lastInsertRowID
            }
            try record("login", actor: user.name, subject: user.name, detail: "from \(address)", at: now)
            var made = session
            made.id = id
            return made
        }
    }

    /// Adds a row to the audit log at `now` (the injected time, not the clock's).
    func record(_ action: String, actor: String, subject: String, detail: String, at now: Date) throws(StudioError) {
        try storing { () throws(StoreError) in
            try studio.database.execute(
                "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
                [.text(Studio.timestamp(now)), .text(actor), .text(action), .text(subject), .text(detail)])
        }
    }
}
