public import Foundation
import SkyltBundle
import SkyltStore

extension Accounts {
    /// Changes the signed-in user's password after checking the current one, and ends every
    /// other session of the user: whoever may have learnt the old password is signed out.
    /// The session making the change stays. Throws `loginFailed` for a wrong current password
    /// (counted like a failed login) and `passwordLength` for a new one out of bounds.
    public func changePassword(session: Session, current: String, new: String, address: String, now: Date = Date())
        throws(StudioError)
    {
        try refuseWhenLimited(name: session.userName, address: address, now: now)
        let stored = try storing { () throws(StoreError) in
            try studio.database.query("SELECT password_hash FROM users WHERE id = ?", [.integer(session.userID)])
        }.first?[0].string
        guard let stored, current.utf8.count <= Users.maxPasswordBytes, verify(current, stored) else {
            try recordFailure(name: session.userName, address: address, now: now)
            throw StudioError(.loginFailed)
        }
        guard new.count >= Users.minPasswordCharacters, new.utf8.count <= Users.maxPasswordBytes else {
            throw StudioError(.passwordLength)
        }
        let hash: String
        do {
            hash = try PasswordHash.make(new)
        } catch {
            throw StudioError(.fileIO, location: session.userName, message: error.description)
        }
        try studio.transaction { () throws(StudioError) in
            let ended = try storing { () throws(StoreError) in
                try studio.database.execute(
                    "UPDATE users SET password_hash = ? WHERE id = ?", [.text(hash), .integer(session.userID)])
                try studio.database.execute(
                    "DELETE FROM sessions WHERE user_id = ? AND id <> ?",
                    [.integer(session.userID), .integer(session.id)])
                return studio.database.changes
            }
            try record(
                "password.change", actor: session.userName, subject: session.userName,
                detail: "\(ended) other session\(ended == 1 ? "" : "s") ended", at: now)
        }
    }
}
