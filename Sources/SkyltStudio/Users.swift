import Foundation
import SkyltBundle
import SkyltStore

/// What a user may do. Stored by its raw value; the schema's CHECK lists the same words.
public enum Role: String, CaseIterable, Sendable {
    case admin, publisher, editor, contributor

    /// The roles as a list for messages: "admin, publisher, editor, contributor".
    public static var listed: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// The studio's accounts.
public enum Users {
    /// Shorter passwords fall to guessing even through Argon2id.
    public static let minPasswordCharacters = 12
    /// Longer input is not a password but a mistake (a file piped in), and costs hashing time.
    public static let maxPasswordBytes = 1024
    public static let maxNameCharacters = 64

    /// True for 1 to 64 letters, digits, '.', '_', '-' and '@': names appear in the audit
    /// log and on pages, and must not carry spaces or control characters that hide in either.
    /// The NFC name (one spelling per name: "å" typed as one code point or as "a" and a ring is
    /// one user) and the Argon2id hash of `password`, after checking both.
    static func hashed(name given: String, password: String) throws(StudioError) -> (name: String, hash: String) {
        let name = given.precomposedStringWithCanonicalMapping
        guard isValidName(name) else { throw StudioError(.invalidUserName, location: name) }
        guard password.count >= minPasswordCharacters, password.utf8.count <= maxPasswordBytes else {
            throw StudioError(.passwordLength)
        }
        do {
            return (name, try PasswordHash.make(password))
        } catch {
            throw StudioError(.fileIO, location: name, message: error.description)
        }
    }

    public static func isValidName(_ name: String) -> Bool {
        (1...maxNameCharacters).contains(name.count)
            && name.unicodeScalars.allSatisfy {
                $0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-_@".unicodeScalars.contains($0)
            }
    }
}

extension Studio {
    /// Adds a user with the Argon2id hash of `password`. The password is neither stored nor
    /// logged as it is; a name taken already is refused (`duplicateUser`). The name is stored
    /// NFC-normalised.
    @discardableResult
    public func addUser(name given: String, role: Role, password: String) throws(StudioError) -> Int64 {
        try addUser(hashed: try Users.hashed(name: given, password: password), role: role)
    }

    /// Adds a user whose password `Users.hashed` has hashed already: Argon2id takes long, and
    /// a caller inside a transaction (accepting an invitation) must not hold the write lock
    /// while it runs.
    func addUser(hashed account: (name: String, hash: String), role: Role) throws(StudioError) -> Int64 {
        let (name, hash) = account
        return try transaction { () throws(StudioError) in
            do throws(StoreError) {
                try database.execute(
                    "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                    [.text(name), .text(role.rawValue), .text(hash), .text(Self.timestamp())])
            } catch {
                if error.code == .unique { throw StudioError(.duplicateUser, location: name) }
                throw StudioError(error)
            }
            let id = database.lastInsertRowID
            try audit("user.add", subject: name, detail: "role \(role.rawValue)")
            return id
        }
    }

    /// Disables or enables the user `name`. Disabling ends the user's sessions at once, so a
    /// person who leaves is out on the next request, while their name stays on what they made.
    public func setDisabled(_ disabled: Bool, name given: String) throws(StudioError) {
        let name = given.precomposedStringWithCanonicalMapping
        try transaction { () throws(StudioError) in
            let changed = try storing { () throws(StoreError) in
                try database.execute(
                    "UPDATE users SET disabled = ? WHERE name = ?", [.integer(disabled ? 1 : 0), .text(name)])
                let changed = database.changes
                if disabled {
                    try database.execute(
                        "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = ?)", [.text(name)])
                }
                return changed
            }
            guard changed > 0 else { throw StudioError(.unknownUser, location: name) }
            try audit(disabled ? "user.disable" : "user.enable", subject: name)
        }
    }
}
