import Foundation
import SkyltCore
import SkyltHTML
import SkyltHTTP
import SkyltStudio
import SkyltTestSupport
import Testing

@testable import SkyltStudioWeb

@Suite(
    "studio web: errors tied to their fields, text marked with its language, and a language switch that keeps the page")
struct FormAccessibilityTests {
    /// The `back` the page's language switch returns to, nil when the page has no switch.
    static func back(_ page: String) -> String? {
        guard let start = page.range(of: #"<input type="hidden" name="back" value=""#) else { return nil }
        return String(page[start.upperBound...].prefix { $0 != "\"" })
    }

    @Test("the language switch returns to the page with its query, or to a page a GET can show after a POST")
    func languageSwitchKeepsThePage() throws {
        let harness = try WebHarness()
        let form = try harness.send("GET", "/channels/demo/slides/new?template=notice", as: "pia")
        let back = try #require(Self.back(form.text))
        #expect(back == "/channels/demo/slides/new?template=notice")
        let switched = try harness.send("POST", "/language", form: [("lang", "en"), ("back", back)])
        #expect(switched.headers["Location"] == back)
        #expect(try harness.send("GET", back, as: "pia").status == 200)
        var refusedForm = WebHarness.notice()
        refusedForm.removeAll { $0.0 == "title.sv" }
        let refused = try harness.sendMultipart("/channels/demo/slides", as: "pia", form: refusedForm)
        #expect(refused.status == 400)
        #expect(Self.back(refused.text) == "/", "POST /channels/demo/slides has no page of its own")
        let edited = try harness.sendMultipart(
            "/channels/demo/slides/wifi", as: "pia", form: [("duration", "1"), ("action", "save")])
        #expect(edited.status == 400)
        #expect(Self.back(edited.text) == "/channels/demo/slides/wifi")
        let login = try harness.send("POST", "/login", form: [("username", "pia"), ("password", "wrong")])
        #expect(Self.back(login.text) == "/login")
    }

    @Test("the page with a one-time invitation link has no language switch that would lose it")
    func inviteHasNoSwitch() throws {
        let harness = try WebHarness()
        let page = try harness.send("POST", "/admin/invites", as: "ada", form: [("grant", "admin")])
        #expect(page.text.contains(#"id="invite-link""#))
        #expect(!page.text.contains(#"action="/language""#))
        #expect(Self.back(try harness.send("GET", "/admin/users", as: "ada").text) == "/admin/users")
    }

    @Test("a language's fields are marked with its lang and dir; the fieldset and labels stay in the page's language")
    func languageOfFields() throws {
        let harness = try WebHarness()
        let key = try WebHarness.savedKey(
            try harness.sendMultipart("/channels/demo/slides", as: "pia", form: WebHarness.notice()))
        let page = try harness.send("GET", "/channels/demo/slides/\(key)", as: "pia").text
        #expect(!page.contains("<fieldset lang="))
        #expect(page.contains(#"id="title-ar" name="title.ar" lang="ar" dir="rtl""#), "\(page)")
        #expect(page.contains(#"<textarea id="body-ar" name="body.ar" lang="ar" dir="rtl">"#))
        #expect(page.contains(#"id="title-sv" name="title.sv" lang="sv" dir="auto""#))
        #expect(page.contains(#"<legend>arabiska – <span lang="ar" dir="rtl">العربية</span> (ar)</legend>"#))
    }

    @Test("the weekdays' error is tied to their fieldset")
    func weekdaysError() throws {
        let harness = try WebHarness()
        let context = WebContext(
            request: HTTPRequest(method: "GET", path: "/"), form: HTTPFormBody(), session: nil, language: .sv,
            parameters: [:], studio: harness.studio, channel: nil, web: harness.web)
        let values = SlideFormValues(form: HTTPFormBody(), template: "notice", languages: ["sv"])
        let html = SlideFormHTML(
            values: values, errors: ["schedule.weekdays": "Välj dagar."], warnings: [:], context: context)
        let markup = try SlideScheduleHTML.fields(html, role: .publisher).rendered
        #expect(markup.contains(#"<fieldset id="schedule-weekdays" aria-describedby="schedule-weekdays-error">"#))
        #expect(markup.contains(#"<p id="schedule-weekdays-error" class="error">Välj dagar.</p>"#))
    }

    @Test("a screen without channels has its error tied to the channels' fieldset")
    func screenChannelsError() throws {
        let harness = try WebHarness()
        let form = ScreenPageTests.screenForm.filter { !$0.0.hasPrefix("channel-") }
        let refused = try harness.send("POST", "/screens", as: "ada", form: form)
        #expect(refused.status == 400)
        #expect(refused.text.contains(#"<fieldset aria-describedby="channels-error">"#), "\(refused.text)")
        #expect(refused.text.contains(#"id="channels-error""#))
    }

    @Test("an invitation without a role marks the role's select invalid, tied to its error")
    func inviteRoleError() throws {
        let harness = try WebHarness()
        let refused = try harness.send("POST", "/admin/invites", as: "ada", form: [("grant", "publisher:nowhere")])
        #expect(refused.status == 400)
        #expect(
            refused.text.contains(
                #"<select id="invite-grant" name="grant" aria-invalid="true" aria-describedby="invite-grant-error">"#),
            "\(refused.text)")
        #expect(refused.text.contains(#"<p id="invite-grant-error" class="error">Välj en roll för inbjudan.</p>"#))
    }

    @Test("a failed login marks both fields invalid, described by the error")
    func loginError() throws {
        let harness = try WebHarness()
        let refused = try harness.send("POST", "/login", form: [("username", "pia"), ("password", "wrong")])
        #expect(refused.status == 401)
        #expect(refused.text.contains(#"id="login-error""#))
        let tied = #"aria-invalid="true" aria-describedby="login-error""#
        #expect(refused.text.components(separatedBy: tied).count - 1 == 2, "\(refused.text)")
        let fresh = try harness.send("GET", "/login")
        #expect(!fresh.text.contains("aria-invalid"))
    }
}
