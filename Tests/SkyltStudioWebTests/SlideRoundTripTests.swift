import Foundation
import SkyltCore
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltTestSupport
import Testing

@testable import SkyltStudioWeb

@Suite("studio web: every demo slide survives the form unchanged")
struct SlideRoundTripTests {
    /// The demo's slides, as playlist.json has them.
    static func demoSlides() throws -> [JSONValue] {
        let data = try Data(contentsOf: Repository.demoPlaylist.appendingPathComponent(Playlist.fileName))
        guard case .object(let root) = try JSONValue.parse(data), case .array(let slides)? = root["slides"] else {
            return []
        }
        return slides
    }

    /// A plain-string text (the same in every language) as the form writes it back: in the
    /// default language, which every other language falls back to.
    static func normalised(_ slide: JSONValue) -> JSONValue {
        guard case .object(var fields) = slide else { return slide }
        if case .string(let author)? = fields["author"] { fields["author"] = .object(["sv": .string(author)]) }
        return .object(fields)
    }

    @Test("the form's values of each demo slide make the same JSON again", arguments: [0, 1, 2, 3, 4, 5, 6])
    func roundTrip(index: Int) throws {
        let slide = try Self.demoSlides()[index]
        let template = try #require(SlideText.string(slide, "template"))
        let id = try #require(SlideText.string(slide, "id"))
        let zone = try #require(TimeZone(identifier: "Europe/Stockholm"))
        let values = SlideFormValues(slide: slide, template: template, languages: ["sv"], timeZone: zone)
        #expect(values.languages == ["sv", "en"])
        var builder = SlideFormJSON(form: values, timeZone: zone, uploadedImage: nil)
        let again = builder.slide(id: id) { swedish, _ in swedish }
        #expect(builder.problems.isEmpty)
        #expect(again == Self.normalised(slide), "\(id)")
    }

    @Test(
        "a contributor may correct their organisation's urgent notice without making it normal; it stays a draft"
    )
    func contributorKeepsUrgent() throws {
        let harness = try WebHarness()
        let page = try harness.send("GET", "/channels/demo/slides/vattenavstangning", as: "kim").text
        #expect(page.contains(#"<option value="urgent" selected>"#))
        let form: [(String, String)] = [
            ("title.sv", "Vattnet stängs av tisdag 1 december kl. 8–11"), ("body.sv", "Tappa upp vatten i förväg."),
            ("priority", "urgent"), ("action", "save"),
        ]
        let path = "/channels/demo/slides/vattenavstangning"
        let channel = try harness.studio.channel(named: "demo")
        let foreign = try harness.sendMultipart(path, as: "kim", form: form)
        #expect(foreign.status == 403, "a publisher's own slide is no contributor's to change")
        #expect(try harness.studio.slide("vattenavstangning", of: channel).revision == 1)
        // As if the notice were the club's contribution that a publisher made urgent.
        try harness.studio.database.execute(
            "UPDATE slides SET organisation_id = (SELECT id FROM organisations WHERE name = 'Idrottsföreningen')")
        let response = try harness.sendMultipart(path, as: "kim", form: form)
        #expect(response.status == 303, "\(response.text)")
        #expect(response.headers["Location"]?.hasSuffix("?done=draft") == true, "urgent is never sent for review")
        let stored = try harness.studio.slide("vattenavstangning", of: channel)
        #expect(SlideText.string(stored.content, "priority") == "urgent")
        #expect(stored.liveRevision == 1 && stored.revision == 2)
        #expect(try harness.studio.review(of: "vattenavstangning", channel: channel).state == .draft)
    }
}
