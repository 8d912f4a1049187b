import Foundation
import SkyltCore
import SkyltHTTP
import SkyltStudio
import SkyltStudioWeb
import Testing

@Suite("studio web: the slide form's fields, escaping and other templates")
struct SlideFormTests {
    static let hostile = [
        "<script>alert(1)</script>", #""><img src=x onerror=alert(1)>"#, "javascript:alert(1)", "' onmouseover='x",
    ]

    /// Markup a hostile string would make if it were not escaped.
    static func expectInert(_ page: String) {
        #expect(!page.contains("<script"))
        #expect(!page.contains("<img src=x"))
        #expect(!page.contains(#"href="javascript:"#) && !page.contains(#"src="javascript:"#))
        #expect(!page.contains("' onmouseover='"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
    }

    @Test("hostile strings in every field come back escaped and inert in the refused form")
    func hostilePreview() throws {
        let harness = try WebHarness()
        for text in Self.hostile {
            var form: [(String, String)] = [("template", "notice"), ("action", "save")]
            for name in [
                "title.sv", "body.sv", "issuer.sv", "qr.label.sv", "qr.url", "languages", "duration",
                "schedule.validFrom", "schedule.validUntil", "schedule.times", "priority",
            ] {
                form.append((name, text))
            }
            form.append(("schedule.weekdays", text))
            let response = try harness.sendMultipart("/channels/demo/slides", as: "pia", form: form)
            #expect(response.status == 400)
            #expect(response.text.contains("qr-url-error"), "a javascript: link is refused at its field")
            if text.hasPrefix("<script") || text.hasPrefix("\"") {
                #expect(!response.text.contains(text))
            }
        }
        var all: [(String, String)] = [("template", "notice"), ("action", "preview")]
        all += [("title.sv", Self.hostile[0]), ("body.sv", Self.hostile[1]), ("qr.url", Self.hostile[2])]
        all += [("issuer.sv", Self.hostile[3])]
        Self.expectInert(try harness.sendMultipart("/channels/demo/slides", as: "pia", form: all).text)
    }

    @Test("a saved slide with hostile texts shows them as text on its page and in the channel's list")
    func hostileSaved() throws {
        let harness = try WebHarness()
        let form: [(String, String)] = [
            ("template", "notice"), ("title.sv", Self.hostile[0]), ("body.sv", Self.hostile[1]),
            ("issuer.sv", Self.hostile[3]), ("qr.url", "https://example.org/?q=<script>"),
            ("qr.label.sv", Self.hostile[1]), ("action", "save"),
        ]
        let response = try harness.sendMultipart("/channels/demo/slides", as: "pia", form: form)
        #expect(response.status == 303, "\(response.text)")
        let key = try WebHarness.savedKey(response)
        #expect(key == "script-alert-1-script")
        Self.expectInert(try harness.send("GET", "/channels/demo/slides/\(key)", as: "pia").text)
        let list = try harness.send("GET", "/channels/demo", as: "pia").text
        #expect(list.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !list.contains("<script"))
    }

    @Test("an event's local times are stored with the channel's offset and shown back as typed")
    func eventTimes() throws {
        let harness = try WebHarness()
        let form: [(String, String)] = [
            ("template", "event"), ("title.sv", "Julmarknad"), ("place.sv", "Bygdegården"),
            ("starts", "2026-12-12T11:00"), ("ends", "2026-12-12T16:00"), ("schedule.weekdays", "fri"),
            ("schedule.weekdays", "sat"), ("schedule.times", "10:00–14:00, 22:00-02:00"), ("action", "save"),
        ]
        let response = try harness.sendMultipart("/channels/demo/slides", as: "pia", form: form)
        #expect(response.status == 303, "\(response.text)")
        let key = try WebHarness.savedKey(response)
        let stored = try harness.studio.slide(key, of: try harness.studio.channel(named: "demo"))
        #expect(SlideText.string(stored.content, "starts") == "2026-12-12T11:00:00+01:00")
        guard case .object(let fields) = stored.content, case .object(let schedule)? = fields["schedule"] else {
            Issue.record("no schedule in \(stored.content)")
            return
        }
        #expect(schedule["weekdays"] == .array([.string("fri"), .string("sat")]))
        #expect(
            schedule["times"]
                == .array([
                    .object(["from": .string("10:00"), "to": .string("14:00")]),
                    .object(["from": .string("22:00"), "to": .string("02:00")]),
                ]))
        let page = try harness.send("GET", "/channels/demo/slides/\(key)", as: "pia").text
        #expect(page.contains(#"value="2026-12-12T11:00""#))
        #expect(page.contains(#"id="schedule-weekdays-sat" name="schedule.weekdays" value="sat" checked"#))
        #expect(page.contains("10:00–14:00, 22:00–02:00"))
    }

    @Test("a window that is not HH:MM–HH:MM is an error at its field, with the form kept")
    func badTimes() throws {
        let harness = try WebHarness()
        var form = WebHarness.notice()
        form.append(("schedule.times", "mornings"))
        let response = try harness.sendMultipart("/channels/demo/slides", as: "pia", form: form)
        #expect(response.status == 400)
        #expect(response.text.contains(#"id="schedule-times-error""#) && response.text.contains(#"value="mornings""#))
    }

    @Test("the new-slide form offers urgent only to publishers, and every template has a form")
    func newForms() throws {
        let harness = try WebHarness()
        for template in TemplateName.editorTemplates.map(\.rawValue) {
            let page = try harness.send("GET", "/channels/demo/slides/new?template=\(template)", as: "kim")
            #expect(page.status == 200, "\(template)")
            #expect(page.text.contains(#"enctype="multipart/form-data""#))
            #expect(!page.text.contains(#"value="urgent""#))
        }
        let publisher = try harness.send("GET", "/channels/demo/slides/new?template=notice", as: "pia")
        #expect(publisher.text.contains(#"value="urgent""#))
        #expect(try harness.send("GET", "/channels/demo/slides/new?template=nope", as: "pia").status == 404)
    }
}
