import Foundation
import SkyltCore
import SkyltStore

/// A contribution waiting for a publisher, as their inbox lists it.
public struct InboxItem: Sendable, Equatable {
    public var channel: String
    public var slideKey: String
    /// The title in the channel's default language, else the key.
    public var title: String
    /// The sending organisation; nil for a slide that waited before organisations existed.
    public var organisation: String?
    /// When it was sent for review (ISO 8601, UTC).
    public var submittedAt: String?
    /// The newest revision's number: the one an approval approves.
    public var revision: Int
}

extension Studio {
    /// Submitted contributions in the channels user `userID` publishes (an admin: all
    /// channels), oldest first.
    public func inbox(for userID: Int64, role: Role) throws(StudioError) -> [InboxItem] {
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT c.id, c.name, s.slide_key, o.name, s.submitted_at, r.number, r.content_json
                FROM slides s JOIN channels c ON c.id = s.channel_id
                JOIN slide_revisions r ON r.slide_id = s.id
                    AND r.number = (SELECT max(number) FROM slide_revisions WHERE slide_id = s.id)
                LEFT JOIN organisations o ON o.id = s.organisation_id
                WHERE \(Self.inboxCondition) ORDER BY s.submitted_at IS NULL, s.submitted_at, s.id
                """, [.integer(role == .admin ? 1 : 0), .integer(userID)])
        }
        var languages: [Int64: String] = [:]
        var items: [InboxItem] = []
        for row in rows {
            guard case .integer(let channelID) = row[0], let channel = row[1].string, let key = row[2].string else {
                continue
            }
            if languages[channelID] == nil {
                languages[channelID] = try defaultLanguage(
                    of: ChannelRecord(id: channelID, name: channel, publicKey: "", publishedVersion: 0))
            }
            let content = (try? JSONValue.parse(Data((row[6].string ?? "").utf8))) ?? .null
            items.append(
                InboxItem(
                    channel: channel, slideKey: key,
                    title: SlideText.title(of: content, language: languages[channelID] ?? "sv") ?? key,
                    organisation: row[3].string, submittedAt: row[4].string, revision: row[5].int ?? 0))
        }
        return items
    }

    /// How many contributions `inbox(for:role:)` lists, in one COUNT query (every page shows it).
    public func inboxCount(for userID: Int64, role: Role) throws(StudioError) -> Int {
        try storing { () throws(StoreError) in
            try database.query(
                "SELECT count(*) FROM slides s WHERE \(Self.inboxCondition)",
                [.integer(role == .admin ? 1 : 0), .integer(userID)]
            ).first?[0].int ?? 0
        }
    }

    /// Whether user `userID` publishes at least one channel: whatever their role across the
    /// studio, a channel's publisher has an inbox.
    public func publishesAnyChannel(userID: Int64) throws(StudioError) -> Bool {
        try storing { () throws(StoreError) in
            try !database.query(
                "SELECT 1 FROM channel_members WHERE user_id = ? AND role = 'publisher' LIMIT 1", [.integer(userID)]
            ).isEmpty
        }
    }

    /// Submitted, not archived, in a channel the user publishes (bound: is admin, user id).
    private static let inboxCondition = """
        s.review_state = 'submitted' AND s.archived = 0 AND (? OR EXISTS (SELECT 1 FROM channel_members m
            WHERE m.channel_id = s.channel_id AND m.user_id = ? AND m.role = 'publisher'))
        """
}
