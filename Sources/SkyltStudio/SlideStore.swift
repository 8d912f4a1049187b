import Foundation
public import SkyltCore
import SkyltStore

/// Who answers for a revision or an approval: a user, or the command line (an import, or a
/// user since removed), which the database records as NULL.
public enum SlideActor: Sendable, Equatable {
    case user(String)
    case commandLine
}

/// One slide of a channel as its list shows it: enough to say what it is, whether it is on
/// the screens, and who answers for it.
public struct SlideSummary: Sendable, Equatable {
    public var key: String
    public var template: String
    /// The title in the channel's default language (or the first one given), else the key.
    public var title: String
    /// True when a revision is approved: the next publish puts it on the screens.
    public var isLive: Bool
    /// True when the latest revision is not the approved one: it waits for a publisher.
    public var isWaiting: Bool
    public var archived: Bool
    /// The latest revision's author and time (ISO 8601, UTC).
    public var author: SlideActor
    public var updatedAt: String
    /// Who approved the live revision; nil when none is approved.
    public var approvedBy: SlideActor?
    public var approvedAt: String?
}

/// A slide with its latest revision, for the edit form.
public struct StoredSlide: Sendable {
    public var key: String
    public var content: JSONValue
    public var revision: Int
    /// The approved revision's number, nil when none is approved.
    public var liveRevision: Int?
    public var archived: Bool
}

extension Studio {
    /// The channel's slides in playlist order: the ones in play, then the archived ones.
    public func slides(of channel: ChannelRecord) throws(StudioError) -> [SlideSummary] {
        let language = try defaultLanguage(of: channel)
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT s.slide_key, s.archived, s.live_revision_id, s.approved_at, ua.name,
                       r.id, r.content_json, r.created_at, r.author_id, u.name, s.approved_by
                FROM slides s
                JOIN slide_revisions r ON r.slide_id = s.id
                    AND r.number = (SELECT max(number) FROM slide_revisions WHERE slide_id = s.id)
                LEFT JOIN users u ON u.id = r.author_id
                LEFT JOIN users ua ON ua.id = s.approved_by
                WHERE s.channel_id = ? ORDER BY s.archived, s.position, s.id
                """, [.integer(channel.id)])
        }
        return rows.compactMap { row in
            guard let key = row[0].string else { return nil }
            let content = (try? JSONValue.parse(Data((row[6].string ?? "").utf8))) ?? .null
            let live = row[2].int
            let approvedAt = live == nil ? nil : row[3].string
            let approver: SlideActor? =
                live == nil ? nil : (row[10].int == nil ? .commandLine : .user(row[4].string ?? "?"))
            return SlideSummary(
                key: key, template: SlideText.string(content, "template") ?? "",
                title: SlideText.title(of: content, language: language) ?? key, isLive: live != nil,
                isWaiting: live != row[5].int, archived: row[1].int == 1,
                author: row[8].int == nil ? .commandLine : .user(row[9].string ?? "?"),
                updatedAt: row[7].string ?? "", approvedBy: approver, approvedAt: approvedAt)
        }
    }

    /// Slide `key` of the channel with its latest revision, or `unknownSlide`.
    public func slide(_ key: String, of channel: ChannelRecord) throws(StudioError) -> StoredSlide {
        let row = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT r.content_json, r.number, s.archived, (SELECT number FROM slide_revisions
                    WHERE id = s.live_revision_id)
                FROM slides s JOIN slide_revisions r ON r.slide_id = s.id
                WHERE s.channel_id = ? AND s.slide_key = ? ORDER BY r.number DESC LIMIT 1
                """, [.integer(channel.id), .text(key)]
            ).first
        }
        guard let row, let text = row[0].string, let content = try? JSONValue.parse(Data(text.utf8)) else {
            throw StudioError(.unknownSlide, location: "\(channel.name)/\(key)")
        }
        return StoredSlide(
            key: key, content: content, revision: row[1].int ?? 0, liveRevision: row[3].int,
            archived: row[2].int == 1)
    }

    /// The channel's settings: its playlist.json without the slides.
    public func settings(of channel: ChannelRecord) throws(StudioError) -> JSONValue {
        let text = try storing { () throws(StoreError) in
            try database.query(
                "SELECT settings_json FROM channel_settings WHERE channel_id = ?", [.integer(channel.id)]
            ).first?[0].string
        }
        guard let text, let value = try? JSONValue.parse(Data(text.utf8)) else { return .object([:]) }
        return value
    }

    /// The languages a slide of the channel is written in by default: the playlist's default
    /// language first, then those of the screens that play the channel, without repeats.
    public func languages(of channel: ChannelRecord) throws(StudioError) -> [String] {
        var languages = [try defaultLanguage(of: channel)]
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT sc.languages_json FROM screens sc JOIN screen_channels c ON c.screen_id = sc.id
                WHERE c.channel_id = ? ORDER BY c.position, sc.id
                """, [.integer(channel.id)])
        }
        for row in rows {
            guard case .array(let items)? = try? JSONValue.parse(Data((row[0].string ?? "").utf8)) else { continue }
            for case .string(let code) in items where LanguageCode.isValid(code) && !languages.contains(code) {
                languages.append(code)
            }
        }
        return languages
    }

    /// The playlist's `defaultLanguage`, Swedish when the settings lack one.
    public func defaultLanguage(of channel: ChannelRecord) throws(StudioError) -> String {
        guard case .object(let root) = try settings(of: channel), case .string(let code)? = root["defaultLanguage"]
        else { return "sv" }
        return code
    }

    /// The slide's row id, or `unknownSlide`.
    func slideID(_ key: String, of channel: ChannelRecord) throws(StudioError) -> Int64 {
        let row = try storing { () throws(StoreError) in
            try database.query(
                "SELECT id FROM slides WHERE channel_id = ? AND slide_key = ?", [.integer(channel.id), .text(key)]
            ).first
        }
        guard case .integer(let id)? = row?[0] else {
            throw StudioError(.unknownSlide, location: "\(channel.name)/\(key)")
        }
        return id
    }
}

/// Reading the texts of a slide's JSON object, for lists and keys.
public enum SlideText {
    /// The fields that name a slide in a list, by template: the first one present wins.
    static let titleFields = ["title", "headline", "caption", "ssid"]

    /// The value of `key` when it is a string.
    public static func string(_ slide: JSONValue, _ key: String) -> String? {
        guard case .object(let fields) = slide, case .string(let text)? = fields[key] else { return nil }
        return text
    }

    /// A text field in `language`: a plain string, or the translation in `language`, else the
    /// first translation in code order.
    public static func text(_ slide: JSONValue, _ key: String, language: String) -> String? {
        guard case .object(let fields) = slide, let value = fields[key] else { return nil }
        switch value {
        case .string(let text): return text
        case .object(let translations):
            if case .string(let text)? = translations[language] { return text }
            for code in translations.keys.sorted() { if case .string(let text)? = translations[code] { return text } }
            return nil
        default: return nil
        }
    }

    /// The text that names the slide in lists.
    public static func title(of slide: JSONValue, language: String) -> String? {
        for key in titleFields {
            if let text = text(slide, key, language: language), !text.isEmpty { return text }
        }
        return nil
    }
}
