import Foundation
public import SkyltCore
import SkyltStore

/// A kiosk as the studio keeps it: what its config.json says, with its channels by name.
public struct ScreenRecord: Sendable, Equatable {
    /// The kiosk's `id` (the same rule as channel names).
    public var key: String
    public var name: String
    public var place: String
    public var width: Int
    public var height: Int
    public var languages: [String]
    /// Windows per weekday; a day missing is closed; nil: always open.
    public var openingHours: [Weekday: [DailyWindow]]?
    public var timeZone: String
    /// The channels it plays, in order, each with its share (the config's `weight`).
    public var channels: [(name: String, share: Double)]

    public init(
        key: String, name: String, place: String = "", width: Int = 1920, height: Int = 1080,
        languages: [String] = ["sv"], openingHours: [Weekday: [DailyWindow]]? = nil,
        timeZone: String = "Europe/Stockholm", channels: [(name: String, share: Double)] = []
    ) {
        self.key = key
        self.name = name
        self.place = place
        self.width = width
        self.height = height
        self.languages = languages
        self.openingHours = openingHours
        self.timeZone = timeZone
        self.channels = channels
    }

    public static func == (a: ScreenRecord, b: ScreenRecord) -> Bool {
        a.key == b.key && a.name == b.name && a.place == b.place && a.width == b.width && a.height == b.height
            && a.languages == b.languages && a.openingHours == b.openingHours && a.timeZone == b.timeZone
            && a.channels.map(\.name) == b.channels.map(\.name) && a.channels.map(\.share) == b.channels.map(\.share)
    }

    /// The opening hours as config.json writes them: `{"mon": [{"from", "to"}], …}`.
    var openingHoursJSON: JSONValue? {
        guard let hours = openingHours else { return nil }
        var object: [String: JSONValue] = [:]
        for (day, windows) in hours where !windows.isEmpty {
            object[day.rawValue] = .array(
                windows.map { .object(["from": .string($0.from.description), "to": .string($0.to.description)]) })
        }
        return .object(object)
    }

    static func openingHours(from json: JSONValue) -> [Weekday: [DailyWindow]]? {
        guard case .object(let object) = json, !object.isEmpty else { return nil }
        var hours: [Weekday: [DailyWindow]] = [:]
        for day in Weekday.allCases {
            guard case .array(let items)? = object[day.rawValue] else { continue }
            hours[day] = items.compactMap { item in
                guard case .object(let window) = item, case .string(let from)? = window["from"],
                    case .string(let to)? = window["to"], let start = TimeOfDay(from), let end = TimeOfDay(to)
                else { return nil }
                return DailyWindow(from: start, to: end)
            }
        }
        return hours
    }
}

extension Studio {
    /// Every screen, by id.
    public func screens() throws(StudioError) -> [ScreenRecord] {
        let keys = try storing { () throws(StoreError) in
            try database.query("SELECT screen_key FROM screens ORDER BY screen_key").compactMap { $0[0].string }
        }
        var screens: [ScreenRecord] = []
        for key in keys { screens.append(try screen(key: key)) }
        return screens
    }

    /// The screen of id `key`, or `unknownScreen`.
    public func screen(key: String) throws(StudioError) -> ScreenRecord {
        let (rows, channelRows) = try storing { () throws(StoreError) in
            (
                try database.query(
                    """
                    SELECT id, name, place, width, height, languages_json, opening_hours_json, settings_json
                    FROM screens WHERE screen_key = ?
                    """, [.text(key)]),
                try database.query(
                    """
                    SELECT c.name, sc.share FROM screen_channels sc JOIN channels c ON c.id = sc.channel_id
                    JOIN screens s ON s.id = sc.screen_id WHERE s.screen_key = ? ORDER BY sc.position, c.name
                    """, [.text(key)])
            )
        }
        guard let row = rows.first else { throw StudioError(.unknownScreen, location: key) }
        func json(_ index: Int) -> JSONValue { (try? JSONValue.parse(Data((row[index].string ?? "").utf8))) ?? .null }
        var languages: [String] = []
        if case .array(let items) = json(5) {
            languages = items.compactMap { if case .string(let code) = $0 { code } else { nil } }
        }
        var zone = "Europe/Stockholm"
        if case .object(let settings) = json(7), case .string(let text)? = settings["timeZone"] { zone = text }
        return ScreenRecord(
            key: key, name: row[1].string ?? key, place: row[2].string ?? "", width: row[3].int ?? 1920,
            height: row[4].int ?? 1080, languages: languages, openingHours: ScreenRecord.openingHours(from: json(6)),
            timeZone: zone,
            channels: channelRows.compactMap { row in row[0].string.map { ($0, row[1].double ?? 1) } })
    }

    /// Stores `screen`: a new one (`isNew`; an id taken is `duplicateScreen`) or the one of
    /// its id, replacing its channels.
    public func saveScreen(_ screen: ScreenRecord, isNew: Bool) throws(StudioError) {
        try ChannelName.check(screen.key)
        var channelIDs: [Int64] = []
        for entry in screen.channels { channelIDs.append(try channel(named: entry.name).id) }
        let languages = String(
            decoding: JSONValue.array(screen.languages.map { .string($0) }).canonicalData(), as: UTF8.self)
        let hours = String(decoding: (screen.openingHoursJSON ?? .object([:])).canonicalData(), as: UTF8.self)
        let settings = String(
            decoding: JSONValue.object(["timeZone": .string(screen.timeZone)]).canonicalData(), as: UTF8.self)
        try transaction { () throws(StudioError) in
            let exists = try storing { () throws(StoreError) in
                try database.query("SELECT id FROM screens WHERE screen_key = ?", [.text(screen.key)]).first?[0].int
            }
            if isNew, exists != nil { throw StudioError(.duplicateScreen, location: screen.key) }
            if !isNew, exists == nil { throw StudioError(.unknownScreen, location: screen.key) }
            let now = Self.timestamp()
            let values: [DatabaseValue] = [
                .text(screen.name), .text(screen.place), .init(screen.width), .init(screen.height), .text(languages),
                .text(hours), .text(settings), .text(now),
            ]
            let id = try storing { () throws(StoreError) in
                if let exists {
                    try database.execute(
                        """
                        UPDATE screens SET name = ?, place = ?, width = ?, height = ?, languages_json = ?,
                            opening_hours_json = ?, settings_json = ?, updated_at = ? WHERE id = ?
                        """, values + [.init(exists)])
                    try database.execute("DELETE FROM screen_channels WHERE screen_id = ?", [.init(exists)])
                    return Int64(exists)
                }
                try database.execute(
                    """
                    INSERT INTO screens (name, place, width, height, languages_json, opening_hours_json,
                        settings_json, updated_at, created_at, screen_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, values + [.text(now), .text(screen.key)])
                return database.lastInsertRowID
            }
            try storing { () throws(StoreError) in
                for (position, (channelID, entry)) in zip(channelIDs, screen.channels).enumerated() {
                    try database.execute(
                        "INSERT INTO screen_channels (screen_id, channel_id, share, position) VALUES (?, ?, ?, ?)",
                        [.integer(id), .integer(channelID), .real(entry.share), .init(position)])
                }
            }
            try audit(
                isNew ? "screen.create" : "screen.edit", subject: screen.key,
                detail:
                    "\(screen.width)x\(screen.height), channels \(screen.channels.map(\.name).joined(separator: ", "))")
        }
    }
}
