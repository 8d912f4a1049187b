import FoundationEssentials
import SkyltCore

/// How a source shows alerts: which statuses it takes, where it says they came from, and
/// the channel's default language, which every slide's texts must have.
struct AlertPolicy: Sendable {
    var include: Set<AlertStatus>
    /// "Sveriges Radio", "Krisinformation", the feed's title.
    var source: String
    var language: String

    /// The status a slide carries for a CAP status, nil when it is not shown (System,
    /// Draft, or an exercise or test the source was not asked to show).
    func status(of alert: CAPAlert) -> AlertStatus? {
        let status: AlertStatus
        switch alert.status.lowercased() {
        case "actual": status = .actual
        case "exercise": status = .exercise
        case "test": status = .test
        default: return nil
        }
        return status == .actual || include.contains(status) ? status : nil
    }
}

/// An alert as the `alert` data template's slide object (LiveFields.swift).
enum AlertSlide {
    /// The slide of `alert`, or nil when no info block has a headline in a known language.
    static func make(_ alert: CAPAlert, status: AlertStatus, policy: AlertPolicy) -> JSONValue? {
        var texts: [String: (headline: String, body: String, instruction: String?)] = [:]
        var first: (headline: String, body: String, instruction: String?)?
        var shown: [CAPAlert.Info] = []
        for info in alert.info where texts.count < PlaylistReader.maxLanguagesPerSlide {
            guard let language = CAPAlert.language(info.language), texts[language] == nil else { continue }
            guard let headline = FeedText.field(info.headline ?? info.event, limit: .title) else { continue }
            let body = FeedText.field(info.description, limit: .body) ?? headline
            let text = (headline, body, FeedText.field(info.instruction, limit: .body))
            texts[language] = text
            first = first ?? text
            shown.append(info)
        }
        guard let first else { return nil }
        if texts[policy.language] == nil { texts[policy.language] = first }
        var fields: [String: JSONValue] = [
            "id": .string(SlideID.make("alert", alert.reference.key)),
            "template": .string("alert"), "priority": .string("urgent"), "duration": .number(20),
            "headline": localized(texts.mapValues(\.headline)), "body": localized(texts.mapValues(\.body)),
            "sender": .string(FeedText.field(shown[0].senderName ?? alert.sender, limit: .line) ?? policy.source),
            "source": .string(FeedText.field(policy.source, limit: .line) ?? "CAP"),
            "status": .string(status.rawValue),
        ]
        let instructions = texts.compactMapValues(\.instruction)
        if !instructions.isEmpty { fields["instruction"] = localized(instructions) }
        let window = validity(shown)
        if let effective = window.effective { fields["effective"] = .string(ISO8601.format(effective)) }
        if let expires = window.expires { fields["expires"] = .string(ISO8601.format(expires)) }
        return .object(fields)
    }

    /// From the earliest `effective` (or `onset`) to the latest `expires` of the info
    /// blocks; no start when it would not be before the end.
    static func validity(_ infos: [CAPAlert.Info]) -> (effective: Date?, expires: Date?) {
        let effective = infos.compactMap { $0.effective ?? $0.onset }.min()
        let expires = infos.compactMap(\.expires).max()
        if let effective, let expires, effective >= expires { return (nil, expires) }
        return (effective, expires)
    }

    private static func localized(_ texts: [String: String]) -> JSONValue {
        .object(texts.mapValues { .string($0) })
    }
}
