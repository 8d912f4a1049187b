import Foundation
import SkyltCore
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltStudioWeb
import Testing

@Suite("studio web: making, approving, restoring and archiving slides")
struct SlideEditingTests {
    @Test("a publisher's notice in Swedish and Arabic is live at once, approved by them")
    func publisherSave() throws {
        let harness = try WebHarness()
        let response = try harness.sendMultipart("/channels/demo/slides", as: "pia", form: WebHarness.notice())
        #expect(response.status == 303)
        let key = try WebHarness.savedKey(response)
        #expect(key == "vattnet-stangs-av")
        let approval = try harness.approval(key)
        let pia = try harness.userID("pia")
        #expect(approval.live == 1)
        #expect(approval.approvedBy.map(Int64.init) == pia)
        let stored = try harness.studio.slide(key, of: try harness.studio.channel(named: "demo"))
        #expect(SlideText.text(stored.content, "title", language: "ar") == "سيتم قطع المياه")
        let page = try harness.send("GET", "/channels/demo", as: "pia").text
        #expect(page.contains("Vattnet stängs av") && page.contains("visas"))
        let edit = try harness.send("GET", "/channels/demo/slides/\(key)", as: "pia")
        #expect(edit.status == 200)
        #expect(edit.text.contains(#"name="title.ar""#) && edit.text.contains(#"id="title-ar""#))
        #expect(edit.text.contains("سيتم قطع المياه"))
    }

    @Test("a contributor's notice waits until a publisher approves it; the contributor cannot approve")
    func contributorWaits() throws {
        let harness = try WebHarness()
        let key = try WebHarness.savedKey(
            try harness.sendMultipart("/channels/demo/slides", as: "kim", form: WebHarness.notice()))
        #expect(try harness.approval(key).live == nil)
        let list = try harness.send("GET", "/channels/demo", as: "kim").text
        #expect(list.contains("väntar på godkännande") && list.contains("kim"))
        #expect(try harness.send("POST", "/channels/demo/slides/\(key)/approve", as: "kim").status == 403)
        #expect(try harness.approval(key).live == nil)
        let sent = try harness.sendMultipart(
            "/channels/demo/slides/\(key)", as: "kim", form: WebHarness.notice(action: "submit"))
        #expect(sent.status == 303)
        #expect(try harness.approval(key).live == nil)
        let approved = try harness.send(
            "POST", "/channels/demo/slides/\(key)/approve", as: "pia", form: [("revision", "2")])
        #expect(approved.status == 303)
        let approval = try harness.approval(key)
        let pia = try harness.userID("pia")
        #expect(approval.live == 2 && approval.approvedBy.map(Int64.init) == pia)
        let audit = try harness.studio.database.query(
            "SELECT actor FROM audit_log WHERE action = 'slide.approve' AND subject = ?", [.text("demo/\(key)")])
        #expect(audit.first?[0].string == "pia")
        let after = try harness.send("GET", "/channels/demo", as: "kim").text
        #expect(!after.contains("väntar på godkännande"))
    }

    @Test("a contributor posting urgent gets a field error and nothing is saved; other channels are hidden")
    func contributorLimits() throws {
        let harness = try WebHarness()
        let before = try harness.slideCount()
        var form = WebHarness.notice()
        form.removeAll { $0.0 == "priority" }
        form.append(("priority", "urgent"))
        let response = try harness.sendMultipart("/channels/demo/slides", as: "kim", form: form)
        #expect(response.status == 400)
        #expect(response.text.contains(#"id="priority-error""#))
        #expect(response.text.contains("Vattnet stängs av"))
        #expect(try harness.slideCount() == before)
        #expect(try harness.send("GET", "/channels/other", as: "kim").status == 404)
        #expect(try harness.sendMultipart("/channels/other/slides", as: "kim", form: WebHarness.notice()).status == 404)
        #expect(try harness.send("POST", "/channels/demo/slides/wifi/archive", as: "kim").status == 403)
    }

    @Test("a missing required field is an error at that field, and nothing is saved")
    func missingField() throws {
        let harness = try WebHarness()
        let before = try harness.slideCount()
        var form = WebHarness.notice()
        form.removeAll { $0.0.hasPrefix("body.") }
        let response = try harness.sendMultipart("/channels/demo/slides", as: "pia", form: form)
        #expect(response.status == 400)
        #expect(response.text.contains(#"<p id="body-sv-error" class="error">"#))
        #expect(response.text.contains(#"aria-invalid="true""#))
        #expect(response.text.contains(##"href="#body-sv""##))
        #expect(try harness.slideCount() == before)
        let preview = try harness.sendMultipart(
            "/channels/demo/slides", as: "pia", form: form.filter { $0.0 != "action" } + [("action", "preview")])
        #expect(preview.status == 200 && preview.text.contains("body-sv-error"))
        #expect(try harness.slideCount() == before)
    }

    @Test("every save is a revision; restoring an old one adds a new revision with its content")
    func revisions() throws {
        let harness = try WebHarness()
        let key = try WebHarness.savedKey(
            try harness.sendMultipart("/channels/demo/slides", as: "kim", form: WebHarness.notice()))
        let second = try harness.sendMultipart(
            "/channels/demo/slides/\(key)", as: "pia", form: WebHarness.notice(title: "Vattnet är tillbaka"))
        #expect(second.status == 303)
        let page = try harness.send("GET", "/channels/demo/slides/\(key)/revisions", as: "kim")
        #expect(page.status == 200)
        #expect(page.text.contains("/revisions/1/restore") && !page.text.contains("/revisions/2/restore"))
        let restored = try harness.send("POST", "/channels/demo/slides/\(key)/revisions/1/restore", as: "kim")
        #expect(restored.status == 303)
        let channel = try harness.studio.channel(named: "demo")
        let stored = try harness.studio.slide(key, of: channel)
        #expect(stored.revision == 3)
        #expect(SlideText.text(stored.content, "title", language: "sv") == "Vattnet stängs av")
        #expect(try harness.approval(key).live == 2, "a contributor's restore waits for approval")
        let revisions = try harness.studio.revisions(of: key, channel: channel)
        #expect(revisions.map(\.number) == [3, 2, 1])
        #expect(revisions.first?.author == .user("kim"))
        #expect(try harness.send("POST", "/channels/demo/slides/\(key)/revisions/9/restore", as: "pia").status == 404)
    }

    @Test("archiving takes a slide off the list and out of the next publish; a web-made slide is published")
    func archiveAndPublish() throws {
        let harness = try WebHarness()
        let key = try WebHarness.savedKey(
            try harness.sendMultipart("/channels/demo/slides", as: "pia", form: WebHarness.notice()))
        let archived = try harness.send("POST", "/channels/demo/slides/wifi/archive", as: "pia")
        #expect(archived.status == 303)
        let summaries = try harness.studio.slides(of: try harness.studio.channel(named: "demo"))
        #expect(summaries.first { $0.key == "wifi" }?.archived == true)
        #expect(summaries.last?.key == "wifi", "archived slides come after the ones in play")
        let summary = try harness.studio.publish(channel: "demo")
        #expect(summary.slides == 7)
        let published = try harness.publishedSlides()
        #expect(published["wifi"] == nil)
        let slide = try #require(published[key])
        #expect(SlideText.text(slide, "body", language: "ar") == "املأ الماء مسبقاً.")
        #expect(SlideText.string(slide, "template") == "notice")
    }
}
