import FoundationEssentials
import SkyltCore

/// A CAP 1.2 alert message, as an XML document (OASIS CAP 1.2) or Sveriges Radio's VMA API
/// (the same fields as JSON) gives it: only what a slide shows or the alert book needs.
struct CAPAlert: Sendable, Equatable {
    /// An alert an Update or Cancel refers to; `sent` is not compared, as publishers differ
    /// in how they write the time.
    struct Reference: Sendable, Hashable {
        var sender: String
        var identifier: String

        var key: String { sender + "," + identifier }
    }

    struct Info: Sendable, Equatable {
        var language: String
        var headline: String?
        var event: String?
        var description: String?
        var instruction: String?
        var senderName: String?
        var effective: Date?
        var onset: Date?
        var expires: Date?
        var areas: [String] = []
        /// Every geocode value of every area (SCB codes for Swedish municipalities and counties).
        var geocodes: [String] = []
    }

    var identifier: String
    var sender: String
    var sent: Date?
    /// Actual, Exercise, System, Test or Draft.
    var status: String
    /// Alert, Update, Cancel, Ack or Error.
    var msgType: String
    var references: [Reference]
    var info: [Info]

    var reference: Reference { Reference(sender: sender, identifier: identifier) }

    /// CAP's `references`: "sender,identifier,sent" triples separated by white space.
    static func references(_ text: String?) -> [Reference] {
        guard let text else { return [] }
        return text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).compactMap {
            triple in
            let parts = triple.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
            return Reference(sender: String(parts[0]), identifier: String(parts[1]))
        }
    }

    /// CAP's RFC 3066 language ("sv-SE") as a playlist's language code ("sv"); CAP's
    /// default is "en-US".
    static func language(_ text: String?) -> String? {
        guard let text = text?.trimmed, !text.isEmpty else { return "en" }
        let code = text.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return LanguageCode.isValid(code) ? code : nil
    }
}

extension CAPAlert {
    /// The CAP 1.2 `alert` element `element`; nil when it is not one or lacks its identity.
    init?(xml element: XMLElement) {
        guard element.name == "alert" else { return nil }
        guard let identifier = element.childText("identifier"), let sender = element.childText("sender") else {
            return nil
        }
        self.init(
            identifier: identifier, sender: sender, sent: element.childText("sent").flatMap(ISO8601.parse),
            status: element.childText("status") ?? "", msgType: element.childText("msgType") ?? "",
            references: Self.references(element.childText("references")),
            info: element.children("info").map(Self.info(xml:)))
    }

    private static func info(xml element: XMLElement) -> Info {
        var info = Info(language: element.childText("language") ?? "")
        info.headline = element.childText("headline")
        info.event = element.childText("event")
        info.description = element.childText("description")
        info.instruction = element.childText("instruction")
        info.senderName = element.childText("senderName")
        info.effective = element.childText("effective").flatMap(ISO8601.parse)
        info.onset = element.childText("onset").flatMap(ISO8601.parse)
        info.expires = element.childText("expires").flatMap(ISO8601.parse)
        for area in element.children("area") {
            if let description = area.childText("areaDesc") { info.areas.append(description) }
            info.geocodes += area.children("geocode").compactMap { $0.childText("value") }
        }
        return info
    }

    /// One alert of the VMA API's JSON; nil when it is not an object with its identity.
    init?(json: JSONValue) {
        guard case .object(let fields) = json else { return nil }
        guard let identifier = Self.string(fields["identifier"]), let sender = Self.string(fields["sender"]) else {
            return nil
        }
        var infos: [Info] = []
        if case .array(let items) = fields["info"] { infos = items.compactMap(Self.info(json:)) }
        self.init(
            identifier: identifier, sender: sender, sent: Self.string(fields["sent"]).flatMap(ISO8601.parse),
            status: Self.string(fields["status"]) ?? "", msgType: Self.string(fields["msgType"]) ?? "",
            references: Self.references(Self.string(fields["references"])), info: infos)
    }

    private static func info(json: JSONValue) -> Info? {
        guard case .object(let fields) = json else { return nil }
        var info = Info(language: string(fields["language"]) ?? "")
        info.headline = string(fields["headline"])
        info.event = string(fields["event"])
        info.description = string(fields["description"])
        info.instruction = string(fields["instruction"])
        info.senderName = string(fields["senderName"])
        info.effective = string(fields["effective"]).flatMap(ISO8601.parse)
        info.onset = string(fields["onset"]).flatMap(ISO8601.parse)
        info.expires = string(fields["expires"]).flatMap(ISO8601.parse)
        if case .array(let areas) = fields["area"] {
            for case .object(let area) in areas {
                if let description = string(area["areaDesc"]) { info.areas.append(description) }
                if case .array(let codes) = area["geocode"] {
                    info.geocodes += codes.compactMap { code in
                        guard case .object(let pair) = code else { return nil }
                        return string(pair["value"])
                    }
                }
            }
        }
        return info
    }

    private static func string(_ value: JSONValue?) -> String? {
        guard case .string(let text) = value else { return nil }
        let trimmed = text.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }
}
