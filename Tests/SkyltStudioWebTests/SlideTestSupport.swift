import Foundation
import SkyltCore
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltTestSupport
import Testing

/// Forms and look-ups the slide tests share.
extension WebHarness {
    /// The fields of a notice in Swedish and Arabic.
    static func notice(title: String = "Vattnet stängs av", action: String = "save") -> [(String, String)] {
        [
            ("template", "notice"), ("languages", "sv, ar"), ("title.sv", title),
            ("body.sv", "Tappa upp vatten i förväg."), ("title.ar", "سيتم قطع المياه"),
            ("body.ar", "املأ الماء مسبقاً."), ("priority", "normal"), ("duration", "12"), ("action", action),
        ]
    }

    /// The slide key a 303 after a save points at.
    static func savedKey(_ response: HTTPResponse) throws -> String {
        let location = try #require(response.headers["Location"])
        #expect(location.hasPrefix("/channels/demo/slides/") && location.hasSuffix("?done=saved"), "\(location)")
        return String(location.dropFirst("/channels/demo/slides/".count).prefix { $0 != "?" })
    }

    /// The slide's live revision number (nil when none is approved) and its approver's id.
    func approval(_ key: String, channel: String = "demo") throws -> (live: Int?, approvedBy: Int?) {
        let row = try studio.database.query(
            """
            SELECT r.number, s.approved_by FROM slides s JOIN channels c ON c.id = s.channel_id
            LEFT JOIN slide_revisions r ON r.id = s.live_revision_id WHERE c.name = ? AND s.slide_key = ?
            """, [.text(channel), .text(key)]
        ).first
        return (row?[0].int, row?[1].int)
    }

    func slideCount(channel: String = "demo") throws -> Int {
        try studio.database.query(
            "SELECT count(*) FROM slides s JOIN channels c ON c.id = s.channel_id WHERE c.name = ?", [.text(channel)]
        ).first?[0].int ?? -1
    }

    /// The slides of the playlist in the channel's published manifest, by id.
    func publishedSlides(_ channel: String = "demo") throws -> [String: JSONValue] {
        let file = site.appendingPathComponent(channel).appendingPathComponent("manifest.json")
        let json = try JSONValue.parse(Data(contentsOf: file))
        guard case .object(let root) = json, case .object(let playlist)? = root["playlist"],
            case .array(let slides)? = playlist["slides"]
        else { return [:] }
        var byID: [String: JSONValue] = [:]
        for slide in slides {
            if case .object(let fields) = slide, case .string(let id)? = fields["id"] { byID[id] = slide }
        }
        return byID
    }
}
