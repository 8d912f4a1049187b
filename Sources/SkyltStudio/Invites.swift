public import Foundation
import SkyltBundle
import SkyltCore
import SkyltStore

/// What an invitation makes its user: an admin, or a member of one channel.
public enum InviteGrant: Sendable, Equatable {
    case admin
    case channel(String, ChannelRole)

    /// The user's global role: a channel's role by the same name, so that the users table
    /// says at a glance what kind of account it is.
    var role: Role {
        switch self {
        case .admin: .admin
        case .channel(_, .publisher): .publisher
        case .channel(_, .contributor): .contributor
        }
    }
}

/// An invitation as its link finds it.
public struct Invite: Sendable, Equatable {
    public var id: Int64
    public var grant: InviteGrant
    public var expiresAt: Date
}

extension Studio {
    /// Seven days: long enough for a volunteer to read their mail, short enough that a link
    /// found in an old mailbox opens nothing.
    public static let inviteLifetime: TimeInterval = 7 * 24 * 3600

    /// Makes a one-time invitation and returns its token (32 random bytes, base64url) for
    /// the link. Only the token's SHA-256 is stored, so the link is shown once, to the admin.
    public func createInvite(_ grant: InviteGrant, createdBy userID: Int64?, now: Date = Date())
        throws(StudioError) -> String
    {
        let token = SecretToken.make()
        var channelID: DatabaseValue = .null
        var detail = "admin"
        if case .channel(let name, let role) = grant {
            channelID = .integer(try channel(named: name).id)
            detail = "\(role.rawValue) of \(name)"
        }
        try transaction { () throws(StudioError) in
            try storing { () throws(StoreError) in
                try database.execute(
                    """
                    INSERT INTO invites (token_sha256, role, channel_id, created_by, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .text(SecretToken.sha256Hex(token)), .text(grant.role.rawValue), channelID,
                        DatabaseValue(userID), .text(Self.timestamp(now)),
                        .text(Self.timestamp(now.addingTimeInterval(Self.inviteLifetime))),
                    ])
            }
            try audit("invite.create", subject: "invite \(database.lastInsertRowID)", detail: detail)
        }
        return token
    }

    /// The open invitation of `token`: `inviteUnknown`, `inviteUsed` or `inviteExpired` when
    /// it cannot be used.
    public func invite(token: String, now: Date = Date()) throws(StudioError) -> Invite {
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT i.id, i.role, c.name, i.expires_at, i.used_at FROM invites i
                LEFT JOIN channels c ON c.id = i.channel_id WHERE i.token_sha256 = ?
                """, [.text(SecretToken.sha256Hex(token))])
        }
        guard let row = rows.first, case .integer(let id) = row[0], let role = row[1].string,
            let expires = row[3].string.flatMap(ISO8601.parse)
        else { throw StudioError(.inviteUnknown) }
        guard row[4].isNull else { throw StudioError(.inviteUsed) }
        guard now < expires else { throw StudioError(.inviteExpired) }
        let grant: InviteGrant
        if role == Role.admin.rawValue {
            grant = .admin
        } else if let name = row[2].string, let channelRole = ChannelRole(rawValue: role) {
            grant = .channel(name, channelRole)
        } else {
            throw StudioError(.inviteUnknown)
        }
        return Invite(id: id, grant: grant, expiresAt: expires)
    }

    /// Makes the invited user, gives them the invitation's channel and marks it used, in one
    /// transaction: a name taken or a short password leaves the invitation open.
    @discardableResult
    public func acceptInvite(token: String, name: String, password: String, now: Date = Date())
        throws(StudioError) -> Int64
    {
        let invite = try self.invite(token: token, now: now)
        let account = try Users.hashed(name: name, password: password)
        return try transaction { () throws(StudioError) in
            // Checked again under the write lock: two tabs must not make two accounts.
            _ = try self.invite(token: token, now: now)
            actor = name.precomposedStringWithCanonicalMapping
            let userID = try addUser(hashed: account, role: invite.grant.role)
            if case .channel(let channelName, let role) = invite.grant {
                try setMembership(userID: userID, userName: actor, channel: try channel(named: channelName), role: role)
            }
            try storing { () throws(StoreError) in
                try database.execute(
                    "UPDATE invites SET used_at = ?, used_by = ? WHERE id = ?",
                    [.text(Self.timestamp(now)), .integer(userID), .integer(invite.id)])
            }
            try audit("invite.accept", subject: "invite \(invite.id)", detail: "user \(actor)")
            return userID
        }
    }
}
