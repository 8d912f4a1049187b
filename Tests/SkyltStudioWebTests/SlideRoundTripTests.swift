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

    @Test("a contributor may correct their notice a publisher made urgent without making it normal; it waits")
    func contributorKeepsUrgent() throws {
        let harness = try WebHarness()
        let made = try harness.sendMultipart("/channels/demo/slides", as: "kim", form: WebHarness.notice())
        let key = try WebHarness.savedKey(made)
        let urgent = WebHarness.notice().filter { $0.0 != "priority" } + [("priority", "urgent")]
        #expect(try harness.sendMultipart("/channels/demo/slides/\(key)", as: "pia", form: urgent).status == 303)
        let page = try harness.send("GET", "/channels/demo/slides/\(key)", as: "kim").text
        #expect(page.contains(#"<option value="urgent" selected>"#))
        let form: [(String, String)] = [
            ("title.sv", "Vattnet stängs av tisdag 1 december kl. 8–11"), ("body.sv", "Tappa upp vatten i förväg."),
            ("priority", "urgent"), ("action", "save"),
        ]
        let response = try harness.sendMultipart("/channels/demo/slides/\(key)", as: "kim", form: form)
        #expect(response.status == 303, "\(response.text)")
        let channel = try harness.studio.channel(named: "demo")
        let stored = try harness.studio.slide(key, of: channel)
        #expect(SlideText.string(stored.content, "priority") == "urgent")
        #expect(stored.liveRevision == 2 && stored.revision == 3)
    }

    @Test("a contributor cannot change a publisher's own slide: the page says so and nothing is saved")
    func contributorRefusedOnPublishersSlide() throws {
        let harness = try WebHarness()
        let form: [(String, String)] = [("title.sv", "Ändrad"), ("body.sv", "Text."), ("action", "save")]
        let response = try harness.sendMultipart("/channels/demo/slides/vattenavstangning", as: "kim", form: form)
        #expect(response.status == 400)
        #expect(response.text.contains("Bara den organisation som skickar bilden kan ändra den"))
        let stored = try harness.studio.slide("vattenavstangning", of: try harness.studio.channel(named: "demo"))
        #expect(stored.revision == 1)
    }
}
