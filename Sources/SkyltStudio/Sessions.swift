public import Foundation
import SkyltBundle
import SkyltCore
import SkyltStore

/// A logged-in browser, as the web server needs it for one request.
public struct Session: Sendable, Equatable {
    /// The session's row; for logs, never for the cookie.
    public var id: Int64
    /// The opaque token for the cookie (base64url of 32 random bytes). The database keeps
    /// only its SHA-256.
    public var token: String
    public var userID: Int64
    public var userName: String
    public var role: Role
    /// The token every form of this session carries; see `Accounts.checkCSRF`.
    public var csrfToken: String
    /// The end of the session's lifetime, however busy (for the cookie's Max-Age); it ends
    /// sooner when idle.
    public var expiresAt: Date
}

extension Accounts {
    /// The live session of `token`, or nil when there is none: never made, logged out,
    /// idle longer than `policy.idleTimeout`, past `policy.lifetime`, or its user disabled.
    /// An expired session's row is deleted here. `last_seen_at` moves on at most once per
    /// `policy.touchInterval`, so that reading pages does not write on every request.
    public func session(token: String, now: Date = Date()) throws(StudioError) -> Session? {
        let rows = try storing { () throws(StoreError) in
            try studio.database.query(
                """
                SELECT s.id, s.user_id, u.name, u.role, u.disabled, s.csrf_token, s.last_seen_at, s.expires_at
                FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_sha256 = ?
                """, [.text(SecretToken.sha256Hex(token))])
        }
        guard let row = rows.first, case .integer(let id) = row[0], case .integer(let userID) = row[1],
            let name = row[2].string, let role = row[3].string.flatMap(Role.init(rawValue:)),
            let csrf = row[5].string, let lastSeen = row[6].string.flatMap(ISO8601.parse),
            let expires = row[7].string.flatMap(ISO8601.parse)
        else { return nil }
        let idle = now.timeIntervalSince(lastSeen) >= policy.idleTimeout
        guard !idle, now < expires, row[4].int == 0 else {
            try storing { () throws(StoreError) in
                try studio.database.execute("DELETE FROM sessions WHERE id = ?", [.integer(id)])
            }
            return nil
        }
        if now.timeIntervalSince(lastSeen) >= policy.touchInterval {
            try storing { () throws(StoreError) in
                try studio.database.execute(
                    "UPDATE sessions SET last_seen_at = ? WHERE id = ?", [.text(Studio.timestamp(now)), .integer(id)])
            }
        }
        return Session(
            id: id, token: token, userID: userID, userName: name, role: role, csrfToken: csrf, expiresAt: expires)
    }

    /// Ends the session of `token`, if it is live, with an audit row. An unknown token is
    /// no error: the browser's cookie is cleared either way.
    public func logout(token: String, now: Date = Date()) throws(StudioError) {
        try studio.transaction { () throws(StudioError) in
            let hash = SecretToken.sha256Hex(token)
            let rows = try storing { () throws(StoreError) in
                let rows = try studio.database.query(
                    "SELECT u.name FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_sha256 = ?",
                    [.text(hash)])
                try studio.database.execute("DELETE FROM sessions WHERE token_sha256 = ?", [.text(hash)])
                return rows
            }
            guard let name = rows.first?[0].string else { return }
            try record("logout", actor: name, subject: name, detail: "", at: now)
        }
    }

    /// Whether a form's `submitted` CSRF token is the session's, compared in constant time.
    /// An empty token never matches.
    public func checkCSRF(session: Session, submitted: String) -> Bool {
        !submitted.isEmpty && !session.csrfToken.isEmpty && SecretToken.equal(session.csrfToken, submitted)
    }
}
