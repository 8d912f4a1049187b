import Foundation

/// The languages of the studio's own pages (not of the slides, which have many more).
public enum WebLanguage: String, Sendable, CaseIterable {
    case sv, en

    /// The name of the cookie that keeps a chosen language.
    static let cookieName = "skylt_lang"

    /// The language a person chose (`chosen`, from the cookie), else the first of the
    /// browser's `Accept-Language` the studio speaks, else Swedish: the studio serves Swedish
    /// municipalities first.
    static func negotiate(chosen: String?, acceptLanguage: String?) -> WebLanguage {
        if let chosen, let language = WebLanguage(rawValue: chosen) { return language }
        for (tag, _) in ranked(acceptLanguage ?? "") {
            let primary = tag.split(separator: "-").first.map { String($0).lowercased() } ?? ""
            if let language = WebLanguage(rawValue: primary) { return language }
            // Norwegian and Danish readers read Swedish more easily than English.
            if ["nb", "nn", "no", "da"].contains(primary) { return .sv }
        }
        return .sv
    }

    /// `Accept-Language` entries by falling quality; entries of quality 0 are left out.
    static func ranked(_ header: String) -> [(String, Double)] {
        let entries = header.split(separator: ",").prefix(32).compactMap { entry -> (String, Double)? in
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, !tag.isEmpty else { return nil }
            var quality = 1.0
            for part in parts.dropFirst() where part.hasPrefix("q=") {
                quality = Double(part.dropFirst(2)) ?? 0
            }
            return quality > 0 ? (tag, quality) : nil
        }
        return entries.enumerated().sorted { ($0.element.1, -$0.offset) > ($1.element.1, -$1.offset) }
            .map(\.element)
    }

    /// The language's name in itself, for the switch.
    var ownName: String {
        switch self {
        case .sv: "Svenska"
        case .en: "English"
        }
    }
}
