import Foundation
import SkyltCore
import SkyltStore

/// What the next publish of a channel changes on the screens, against the last publication:
/// shown to the publisher before they confirm.
public struct PendingChanges: Sendable, Equatable {
    /// One slide in the list, by its id in the playlist.
    public struct Slide: Sendable, Equatable {
        public var id: String
        /// Its title in the playlist's first language, or its id when it has none.
        public var title: String
        /// Who saved the revision to be published; nil for an import at the command line (or
        /// a user since removed), and for a removed slide.
        public var author: String?
        /// Who approved that revision; nil as for `author` (an import is approved by whoever
        /// ran it).
        public var approver: String?

        public init(id: String, title: String, author: String? = nil, approver: String? = nil) {
            self.id = id
            self.title = title
            self.author = author
            self.approver = approver
        }
    }

    /// The last publication's version; 0 when none is recorded (then every slide is added).
    public var baseVersion: Int
    public var added: [Slide] = []
    /// Slides whose content differs from what was published.
    public var changed: [Slide] = []
    public var removed: [Slide] = []
    /// Whether the channel's settings (name, languages, theme…) differ.
    public var settingsChanged = false
    /// The SHA-256 of the playlist the next publish would write: the publish form carries it,
    /// so that a publish goes out only with the content the publisher looked at.
    public var contentDigest = ""

    /// Nothing would change: publishing now gives the screens what they have.
    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty && !settingsChanged }
}

extension Studio {
    /// Compares the playlist the channel would publish now with its last publication's.
    public func pendingChanges(channel name: String) throws(StudioError) -> PendingChanges {
        let channel = try self.channel(named: name)
        let staged = try stagedPlaylist(of: channel)
        let now = staged.root
        let last = try publication(channel: name)
        var before: [String: JSONValue] = [:]
        if let last,
            case .object(let root) = try parse(String(decoding: last.playlist, as: UTF8.self), what: "a publication")
        {
            before = root
        }
        var changes = PendingChanges(baseVersion: last?.version ?? 0)
        changes.contentDigest = staged.digest
        let old = Self.slidesByID(before["slides"])
        let new = Self.slidesByID(now["slides"])
        let language = Self.firstLanguage(of: now)
        let people = try revisionPeople(of: channel)
        for (id, slide) in new.list {
            let who = people[id] ?? People(author: nil, approver: nil)
            let entry = PendingChanges.Slide(
                id: id, title: Self.title(of: slide, language: language), author: who.author, approver: who.approver)
            if let previous = old.map[id] {
                if previous != slide { changes.changed.append(entry) }
            } else {
                changes.added.append(entry)
            }
        }
        let oldLanguage = Self.firstLanguage(of: before)
        for (id, slide) in old.list where new.map[id] == nil {
            changes.removed.append(.init(id: id, title: Self.title(of: slide, language: oldLanguage)))
        }
        var settingsNow = now
        var settingsBefore = before
        settingsNow["slides"] = nil
        settingsBefore["slides"] = nil
        changes.settingsChanged = last != nil && settingsNow != settingsBefore
        return changes
    }

    /// The names of who saved a revision and who approved it; nil for the command line.
    private struct People {
        var author: String?
        var approver: String?
    }

    /// Who saved and who approved the approved revision of each live slide, by slide id.
    private func revisionPeople(of channel: ChannelRecord) throws(StudioError) -> [String: People] {
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT s.slide_key, a.name, p.name FROM slides s
                JOIN slide_revisions r ON r.id = s.live_revision_id
                LEFT JOIN users a ON a.id = r.author_id LEFT JOIN users p ON p.id = s.approved_by
                WHERE s.channel_id = ? AND s.archived = 0
                """, [.integer(channel.id)])
        }
        var people: [String: People] = [:]
        for row in rows {
            guard let key = row[0].string else { continue }
            people[key] = People(author: row[1].string, approver: row[2].string)
        }
        return people
    }

    /// The slides of a playlist's `slides` array in order, and by id.
    static func slidesByID(_ slides: JSONValue?) -> (list: [(String, JSONValue)], map: [String: JSONValue]) {
        guard case .array(let items) = slides ?? .null else { return ([], [:]) }
        var list: [(String, JSONValue)] = []
        var map: [String: JSONValue] = [:]
        for item in items {
            guard case .object(let fields) = item, case .string(let id) = fields["id"] ?? .null else { continue }
            list.append((id, item))
            map[id] = item
        }
        return (list, map)
    }

    /// The playlist's first language: its `defaultLanguage`, which every slide has.
    static func firstLanguage(of root: [String: JSONValue]) -> String? {
        if case .string(let language) = root["defaultLanguage"] ?? .null { return language }
        return nil
    }

    /// The text fields that name a slide, by template: most have a title, an offer its
    /// headline, a poster its caption.
    static let titleFields = ["title", "headline", "caption"]

    /// A slide's name for the list: its first `titleFields` text in `language` (a plain
    /// string is in every language), else in any language, else its id.
    static func title(of slide: JSONValue, language: String?) -> String {
        guard case .object(let fields) = slide else { return "" }
        for field in titleFields {
            switch fields[field] ?? .null {
            case .string(let text): return text
            case .object(let texts):
                if let language, case .string(let text) = texts[language] ?? .null { return text }
                for key in texts.keys.sorted() { if case .string(let text) = texts[key] ?? .null { return text } }
            default: continue
            }
        }
        if case .string(let id) = fields["id"] ?? .null { return id }
        return ""
    }
}
