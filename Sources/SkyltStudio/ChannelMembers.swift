import Foundation
import SkyltStore

/// What a user may do in one channel. Admins may do everything in every channel; anyone
/// else only what their membership of the channel says.
public enum ChannelRole: String, Sendable, CaseIterable, Comparable {
    /// Makes drafts, which reach the screens only once a publisher approves them.
    case contributor
    /// Edits, approves and publishes the channel.
    case publisher

    public static func < (a: ChannelRole, b: ChannelRole) -> Bool {
        a == .contributor && b == .publisher
    }
}

/// A channel as one user sees it: the channel and what the user may do there.
public struct VisibleChannel: Sendable, Equatable {
    public var channel: ChannelRecord
    /// `publisher` for an admin.
    public var role: ChannelRole

    public init(channel: ChannelRecord, role: ChannelRole) {
        self.channel = channel
        self.role = role
    }
}

extension Studio {
    /// What user `userID` (of global role `role`) may do in `channel`: nil when nothing (the
    /// channel is then not shown to them at all).
    public func channelRole(userID: Int64, role: Role, channel: ChannelRecord) throws(StudioError) -> ChannelRole? {
        if role == .admin { return .publisher }
        let rows = try storing { () throws(StoreError) in
            try database.query(
                "SELECT role FROM channel_members WHERE user_id = ? AND channel_id = ?",
                [.integer(userID), .integer(channel.id)])
        }
        return rows.first?[0].string.flatMap(ChannelRole.init(rawValue:))
    }

    /// The channels a user may see, by name, with what they may do in each.
    public func channels(visibleTo userID: Int64, role: Role) throws(StudioError) -> [VisibleChannel] {
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT c.id, c.name, c.public_key, c.published_version, m.role FROM channels c
                LEFT JOIN channel_members m ON m.channel_id = c.id AND m.user_id = ?
                WHERE ? OR m.role IS NOT NULL ORDER BY c.name
                """, [.integer(userID), .integer(role == .admin ? 1 : 0)])
        }
        return rows.compactMap { row in
            guard case .integer(let id) = row[0], let name = row[1].string, let key = row[2].string else { return nil }
            let channelRole = role == .admin ? .publisher : row[4].string.flatMap(ChannelRole.init(rawValue:))
            guard let channelRole else { return nil }
            return VisibleChannel(
                channel: ChannelRecord(id: id, name: name, publicKey: key, publishedVersion: row[3].int ?? 0),
                role: channelRole)
        }
    }

    /// Gives `userID` `role` in `channel` (replacing what they had), with an audit row.
    public func setMembership(userID: Int64, userName: String, channel: ChannelRecord, role: ChannelRole?)
        throws(StudioError)
    {
        try transaction { () throws(StudioError) in
            try storing { () throws(StoreError) in
                if let role {
                    try database.execute(
                        """
                        INSERT INTO channel_members (user_id, channel_id, role) VALUES (?, ?, ?)
                        ON CONFLICT (user_id, channel_id) DO UPDATE SET role = excluded.role
                        """, [.integer(userID), .integer(channel.id), .text(role.rawValue)])
                } else {
                    try database.execute(
                        "DELETE FROM channel_members WHERE user_id = ? AND channel_id = ?",
                        [.integer(userID), .integer(channel.id)])
                }
            }
            try audit("member.set", subject: "\(channel.name)/\(userName)", detail: role?.rawValue ?? "removed")
        }
    }
}
