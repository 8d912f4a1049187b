import FoundationEssentials
import SkyltCore

extension Departure {
    /// The object the `departures` template reads (`LiveFields.swift`).
    var json: JSONValue {
        var fields: [String: JSONValue] = [
            "line": .string(line), "destination": .string(destination),
            "scheduled": LiveSlideParts.time(scheduled), "cancelled": .bool(cancelled),
        ]
        if let expected { fields["expected"] = LiveSlideParts.time(expected) }
        if let platform { fields["platform"] = .string(platform) }
        if let mode { fields["mode"] = .string(mode.rawValue) }
        return .object(fields)
    }
}

/// Builds the one `departures` slide of a transit source.
enum DepartureBoardSlide {
    /// The board: the departures not yet gone at `now` in the order they leave, at most
    /// `items`; no slide at all when none is left, as an empty board would never be shown.
    static func make(
        title: JSONValue, fetched: Date, rows: [Departure], items: Int, source: String, now: Date
    ) -> [JSONValue] {
        // The kiosk's own rule for what has left, so the service never publishes a row it hides.
        let board = DepartureBoard(title: LocalizedText([:]), fetched: fetched, departures: rows, source: source)
        let coming = board.upcoming(at: now).prefix(items)
        guard !coming.isEmpty else { return [] }
        let fields: [String: JSONValue] = [
            "title": title, "fetched": LiveSlideParts.time(fetched),
            "departures": .array(coming.map(\.json)), "source": .string(source),
        ]
        return [LiveSlideParts.slide(id: "departures", template: "departures", fields: fields)]
    }

    /// The message for departures left out of a round: which, and why.
    static func skippedMessage(_ skipped: [String], subject: String) -> String {
        "\(subject): skipped \(skipped.count) departure(s) it could not read: "
            + skipped.prefix(5).joined(separator: "; ")
    }
}
