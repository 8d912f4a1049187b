import Foundation
import SkyltStore

/// A user as the admin's list shows them.
public struct UserSummary: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var role: Role
    public var disabled: Bool
    /// The channels the user is a member of, by name, with their role in each.
    public var channels: [String: ChannelRole]
}

/// One row of the audit log.
public struct AuditRow: Sendable, Equatable {
    public var at: String
    public var actor: String
    public var action: String
    public var subject: String
    public var detail: String
}

extension Studio {
    /// Every user by name, with their channel memberships.
    public func users() throws(StudioError) -> [UserSummary] {
        let (userRows, memberRows) = try storing { () throws(StoreError) in
            (
                try database.query("SELECT id, name, role, disabled FROM users ORDER BY name"),
                try database.query(
                    "SELECT m.user_id, c.name, m.role FROM channel_members m JOIN channels c ON c.id = m.channel_id")
            )
        }
        var memberships: [Int64: [String: ChannelRole]] = [:]
        for row in memberRows {
            guard case .integer(let id) = row[0], let channel = row[1].string,
                let role = row[2].string.flatMap(ChannelRole.init(rawValue:))
            else { continue }
            memberships[id, default: [:]][channel] = role
        }
        return userRows.compactMap { row in
            guard case .integer(let id) = row[0], let name = row[1].string,
                let role = row[2].string.flatMap(Role.init(rawValue:))
            else { return nil }
            return UserSummary(
                id: id, name: name, role: role, disabled: row[3].int != 0, channels: memberships[id] ?? [:])
        }
    }

    /// The user named `name`, or `unknownUser`.
    public func user(named name: String) throws(StudioError) -> UserSummary {
        let normalised = name.precomposedStringWithCanonicalMapping
        guard let user = try users().first(where: { $0.name == normalised }) else {
            throw StudioError(.unknownUser, location: name)
        }
        return user
    }

    /// The newest `limit` rows of the audit log, newest first; with `filter`, only rows whose
    /// subject or actor contains it.
    public func auditRows(filter: String = "", limit: Int = 200) throws(StudioError) -> [AuditRow] {
        let pattern =
            "%"
            + filter.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT at, actor, action, subject, detail FROM audit_log
                WHERE ? = '' OR subject LIKE ? ESCAPE '\\' OR actor LIKE ? ESCAPE '\\'
                ORDER BY id DESC LIMIT ?
                """, [.text(filter), .text(pattern), .text(pattern), .integer(Int64(limit))])
        }
        return rows.map { row in
            AuditRow(
                at: row[0].string ?? "", actor: row[1].string ?? "", action: row[2].string ?? "",
                subject: row[3].string ?? "", detail: row[4].string ?? "")
        }
    }
}
