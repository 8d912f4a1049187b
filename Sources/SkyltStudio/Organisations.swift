import Foundation
import SkyltStore

/// An association, a shop, the church: who sends a contribution and answers for it.
public struct Organisation: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var createdAt: String

    public init(id: Int64, name: String, createdAt: String) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }

    /// Names are shown as a slide's sender; longer ones do not fit a list.
    public static let maxNameCharacters = 120

    /// The name trimmed and NFC-normalised (one spelling per name), or `invalidOrganisationName`.
    static func checkedName(_ given: String) throws(StudioError) -> String {
        let name = given.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard (1...maxNameCharacters).contains(name.count), !name.contains(where: \.isNewline) else {
            throw StudioError(.invalidOrganisationName, location: given)
        }
        return name
    }
}

/// A member of an organisation, as its list of members shows them.
public struct OrganisationMember: Sendable, Equatable {
    public var userID: Int64
    public var name: String

    public init(userID: Int64, name: String) {
        self.userID = userID
        self.name = name
    }
}

extension Studio {
    /// Makes an organisation (an admin's act; the web checks that), refusing a name taken
    /// already (`duplicateOrganisation`) or out of bounds (`invalidOrganisationName`).
    @discardableResult
    public func createOrganisation(name given: String) throws(StudioError) -> Organisation {
        let name = try Organisation.checkedName(given)
        return try transaction { () throws(StudioError) in
            let now = Self.timestamp()
            try uniqueOrganisationName(name) { () throws(StoreError) in
                try database.execute(
                    "INSERT INTO organisations (name, created_at) VALUES (?, ?)", [.text(name), .text(now)])
            }
            let id = database.lastInsertRowID
            try audit("organisation.create", subject: name)
            return Organisation(id: id, name: name, createdAt: now)
        }
    }

    /// Renames organisation `id`; its slides show the new name as their sender.
    public func renameOrganisation(_ id: Int64, to given: String) throws(StudioError) {
        let name = try Organisation.checkedName(given)
        try transaction { () throws(StudioError) in
            let old = try organisation(id).name
            try uniqueOrganisationName(name) { () throws(StoreError) in
                try database.execute("UPDATE organisations SET name = ? WHERE id = ?", [.text(name), .integer(id)])
            }
            try audit("organisation.rename", subject: name, detail: "was \(old)")
        }
    }

    /// Every organisation, by name.
    public func organisations() throws(StudioError) -> [Organisation] {
        try organisationRows("SELECT id, name, created_at FROM organisations ORDER BY name, id", [])
    }

    /// Organisation `id`, or `unknownOrganisation`.
    public func organisation(_ id: Int64) throws(StudioError) -> Organisation {
        guard
            let found = try organisationRows(
                "SELECT id, name, created_at FROM organisations WHERE id = ?", [.integer(id)]
            ).first
        else { throw StudioError(.unknownOrganisation, location: "\(id)") }
        return found
    }

    /// The organisation called `name`, or `unknownOrganisation`.
    public func organisation(named name: String) throws(StudioError) -> Organisation {
        let rows = try organisationRows(
            "SELECT id, name, created_at FROM organisations WHERE name = ?",
            [.text(name.precomposedStringWithCanonicalMapping)])
        guard let found = rows.first else { throw StudioError(.unknownOrganisation, location: name) }
        return found
    }

    /// The organisations user `userID` belongs to, by name.
    public func organisations(ofUser userID: Int64) throws(StudioError) -> [Organisation] {
        try organisationRows(
            """
            SELECT o.id, o.name, o.created_at FROM organisations o
            JOIN organisation_members m ON m.organisation_id = o.id WHERE m.user_id = ? ORDER BY o.name, o.id
            """, [.integer(userID)])
    }

    /// The members of organisation `id`, by name.
    public func organisationMembers(_ id: Int64) throws(StudioError) -> [OrganisationMember] {
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT u.id, u.name FROM users u JOIN organisation_members m ON m.user_id = u.id
                WHERE m.organisation_id = ? ORDER BY u.name
                """, [.integer(id)])
        }
        return rows.compactMap { row in
            guard case .integer(let user) = row[0], let name = row[1].string else { return nil }
            return OrganisationMember(userID: user, name: name)
        }
    }

    /// Makes user `userID` a member of organisation `id` (nothing changes when they are one).
    public func addOrganisationMember(_ id: Int64, userID: Int64) throws(StudioError) {
        try transaction { () throws(StudioError) in
            let organisation = try organisation(id)
            let user = try userName(userID)
            try storing { () throws(StoreError) in
                try database.execute(
                    "INSERT OR IGNORE INTO organisation_members (organisation_id, user_id) VALUES (?, ?)",
                    [.integer(id), .integer(userID)])
            }
            try audit("organisation.member.add", subject: organisation.name, detail: user)
        }
    }

    /// Takes user `userID` out of organisation `id`; the slides they sent keep the organisation.
    public func removeOrganisationMember(_ id: Int64, userID: Int64) throws(StudioError) {
        try transaction { () throws(StudioError) in
            let organisation = try organisation(id)
            let user = try userName(userID)
            try storing { () throws(StoreError) in
                try database.execute(
                    "DELETE FROM organisation_members WHERE organisation_id = ? AND user_id = ?",
                    [.integer(id), .integer(userID)])
            }
            try audit("organisation.member.remove", subject: organisation.name, detail: user)
        }
    }

    /// The name of user `userID`, or `unknownUser`.
    func userName(_ userID: Int64) throws(StudioError) -> String {
        let name = try storing { () throws(StoreError) in
            try database.query("SELECT name FROM users WHERE id = ?", [.integer(userID)]).first?[0].string
        }
        guard let name else { throw StudioError(.unknownUser, location: "\(userID)") }
        return name
    }

    private func uniqueOrganisationName(_ name: String, _ body: () throws(StoreError) -> Void) throws(StudioError) {
        do throws(StoreError) {
            try body()
        } catch {
            if error.code == .unique { throw StudioError(.duplicateOrganisation, location: name) }
            throw StudioError(error)
        }
    }

    func organisationRows(_ sql: String, _ values: [DatabaseValue]) throws(StudioError) -> [Organisation] {
        let rows = try storing { () throws(StoreError) in try database.query(sql, values) }
        return rows.compactMap { row in
            guard case .integer(let id) = row[0], let name = row[1].string else { return nil }
            return Organisation(id: id, name: name, createdAt: row[2].string ?? "")
        }
    }
}
