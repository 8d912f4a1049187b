import Foundation
import SkyltCore
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltStudioWeb
import Testing

@Suite("studio web: a channel's limits and trust for contributions")
struct ContributionSettingsTests {
    static let path = "/channels/demo/contributions"

    @Test("a publisher sets limits and trusts an organisation; the logic reads them back")
    func saveAndReadBack() throws {
        let harness = try WebHarness()
        let demo = try harness.studio.channel(named: "demo")
        let club = try harness.studio.organisation(named: "Idrottsföreningen")
        let form = [
            ("max-live", "2"), ("max-days", " 14 "), ("templates", "notice"), ("templates", "event"),
            ("trusted", String(club.id)),
        ]
        let saved = try harness.send("POST", Self.path, as: "pia", form: form)
        #expect(saved.status == 303 && saved.headers["Location"] == Self.path + "?done=saved")
        let limits = try harness.studio.limits(of: demo)
        #expect(limits == ChannelLimits(maxLivePerOrganisation: 2, maxRunDays: 14, templates: ["event", "notice"]))
        #expect(try harness.studio.isTrusted(club.id, channel: demo))
        let actions = try harness.studio.auditRows(filter: "pia").map(\.action)
        #expect(actions.contains("channel.limits") && actions.contains("organisation.trust"))
        let page = try harness.send("GET", Self.path + "?done=saved", as: "pia")
        #expect(page.status == 200 && page.text.contains("Inställningarna är sparade."))
        #expect(page.text.contains(#"value="2""#) && page.text.contains(#"value="14""#))
        #expect(page.text.contains(#"id="trusted-\#(club.id)" name="trusted" value="\#(club.id)" checked>"#))
        #expect(page.text.contains(#"id="template-event" name="templates" value="event" checked>"#))
        #expect(page.text.contains(#"id="template-info" name="templates" value="info">"#))
        // Empty fields, every template and no tick: no limits, and trust taken back.
        let all = TemplateName.editorTemplates.map { ("templates", $0.rawValue) }
        let cleared = try harness.send("POST", Self.path, as: "pia", form: [("max-live", ""), ("max-days", "")] + all)
        #expect(cleared.status == 303)
        #expect(try harness.studio.limits(of: demo) == .none)
        #expect(try !harness.studio.isTrusted(club.id, channel: demo))
    }

    @Test("a bad number is refused at its field, nothing is saved, and the form keeps what was sent")
    func badNumber() throws {
        let harness = try WebHarness()
        let demo = try harness.studio.channel(named: "demo")
        let club = try harness.studio.organisation(named: "Idrottsföreningen")
        for bad in ["abc", "-1", "2.5", "1000"] {
            let form = [
                ("max-live", bad), ("max-days", "30"), ("templates", "info"), ("trusted", String(club.id)),
            ]
            let page = try harness.send("POST", Self.path, as: "pia", form: form)
            #expect(page.status == 400, "\(bad)")
            let text = page.text
            #expect(text.contains(#"<p id="max-live-error" class="error">"#) && text.contains(#"value="\#(bad)""#))
            #expect(!text.contains(#"id="max-days-error""#) && text.contains(#"value="30""#))
            #expect(text.contains(#"id="template-info" name="templates" value="info" checked>"#))
            #expect(text.contains(#"id="template-notice" name="templates" value="notice">"#))
            #expect(text.contains(#"name="trusted" value="\#(club.id)" checked>"#))
        }
        let noTemplate = try harness.send("POST", Self.path, as: "pia", form: [("max-days", "0")])
        #expect(noTemplate.status == 400 && noTemplate.text.contains(#"id="templates-error""#))
        #expect(noTemplate.text.contains(#"id="max-days-error""#))
        #expect(try harness.studio.limits(of: demo) == .none)
        #expect(try !harness.studio.isTrusted(club.id, channel: demo))
    }

    @Test("only the channel's publishers and admins reach its contributions page")
    func access() throws {
        let harness = try WebHarness()
        let club = try harness.studio.organisation(named: "Idrottsföreningen")
        let form = [("max-live", "1"), ("templates", "info"), ("trusted", String(club.id))]
        #expect(try harness.send("GET", Self.path, as: "ola").status == 404)
        #expect(try harness.send("POST", Self.path, as: "ola", form: form).status == 404)
        #expect(try harness.send("GET", Self.path, as: "kim").status == 403)
        #expect(try harness.send("POST", Self.path, as: "kim", form: form).status == 403)
        let demo = try harness.studio.channel(named: "demo")
        #expect(try harness.studio.limits(of: demo) == .none)
        #expect(try !harness.studio.isTrusted(club.id, channel: demo))
        #expect(try harness.send("GET", Self.path, as: "ada").status == 200)
        let channel = try harness.send("GET", "/channels/demo", as: "pia")
        #expect(channel.text.contains(#"href="/channels/demo/contributions""#))
        #expect(!(try harness.send("GET", "/channels/demo", as: "kim").text.contains("/channels/demo/contributions")))
    }
}
