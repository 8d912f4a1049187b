import Foundation
import SkyltCore
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltStudioWeb
import Testing

@Suite("studio web: contributions sent, reviewed, sent back, approved and published")
struct ContributionPageTests {
    static let title = "Fotbollsavslutning på planen"

    /// Kim's notice: saved as a draft (`save`) or saved and sent for review (`submit`).
    static func kimSends(_ harness: WebHarness, action: String, key: String? = nil, title: String = title) throws
        -> HTTPResponse
    {
        let path = key.map { "/channels/demo/slides/\($0)" } ?? "/channels/demo/slides"
        return try harness.sendMultipart(path, as: "kim", form: WebHarness.notice(title: title, action: action))
    }

    /// The slide key a 303 after a save points at, and the `done` it names.
    static func saved(_ response: HTTPResponse) throws -> (key: String, done: String) {
        #expect(response.status == 303, "\(response.text)")
        let location = try #require(response.headers["Location"])
        let rest = try #require(location.split(separator: "/").last)
        let parts = rest.split(separator: "?done=")
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }

    static func state(_ harness: WebHarness, _ key: String) throws -> ReviewState {
        try harness.studio.review(of: key, channel: try harness.studio.channel(named: "demo")).state
    }

    @Test(
        "the menu's inbox follows what a user publishes, not the role across the studio; a contributor gets their list")
    func inboxLinkByChannel() throws {
        let harness = try WebHarness()
        let menu = { (user: String) in try harness.send("GET", "/", as: user).text }
        let contributor = try menu("kim")
        #expect(!contributor.contains("Att granska") && contributor.contains(#"href="/contributions""#))
        let kim = try #require(
            try harness.studio.database.query("SELECT id FROM users WHERE name = 'kim'").first?[0].int)
        try harness.studio.setMembership(
            userID: Int64(kim), userName: "kim", channel: try harness.studio.channel(named: "other"), role: .publisher)
        let both = try menu("kim")
        #expect(both.contains("Att granska (0)"), "a contributor who publishes one channel has an inbox")
        #expect(both.contains(#"href="/contributions""#), "and still their own contributions")
        let publisher = try menu("pia")
        #expect(!publisher.contains(#"href="/contributions""#), "a publisher in no organisation: no list")
    }

    @Test("a draft is in no inbox; sent for review it is in pia's inbox and count, not in ola's")
    func draftThenSubmit() throws {
        let harness = try WebHarness()
        let (key, done) = try Self.saved(try Self.kimSends(harness, action: "save"))
        #expect(done == "saved")
        #expect(try Self.state(harness, key) == .draft)
        #expect(!(try harness.send("GET", "/inbox", as: "pia").text.contains(Self.title)))
        #expect(try harness.send("GET", "/", as: "pia").text.contains("Att granska (0)"))
        let page = try harness.send("GET", "/channels/demo/slides/\(key)", as: "kim").text
        #expect(page.contains("utkast") && page.contains("Idrottsföreningen"))
        #expect(page.contains(#"value="submit""#) && page.contains("Skicka för granskning"))
        #expect(!page.contains(#"id="priority""#), "a contributor is not offered the priority")

        #expect(try Self.saved(try Self.kimSends(harness, action: "submit", key: key)).done == "submitted")
        #expect(try Self.state(harness, key) == .submitted)
        let inbox = try harness.send("GET", "/inbox", as: "pia")
        #expect(inbox.status == 200)
        #expect(inbox.text.contains(Self.title) && inbox.text.contains("Idrottsföreningen"))
        #expect(inbox.text.contains("/channels/demo/slides/\(key)") && inbox.text.contains(#"scope="row""#))
        #expect(try harness.send("GET", "/", as: "pia").text.contains("Att granska (1)"))
        #expect(try harness.send("GET", "/", as: "ada").text.contains("Att granska (1)"))
        #expect(try harness.send("GET", "/", as: "ola").text.contains("Att granska (0)"))
        let olas = try harness.send("GET", "/inbox", as: "ola").text
        #expect(!olas.contains(Self.title) && olas.contains("Inget bidrag väntar"))
        let list = try harness.send("GET", "/channels/demo", as: "pia").text
        #expect(list.contains("väntar på granskning") && list.contains("Idrottsföreningen"))
        #expect(try harness.send("GET", "/", as: "kim").text.contains(#"href="/contributions""#))
    }

    @Test("sending back needs a reason at its field; kim reads it, changes the slide and sends it again")
    func sendBackAndAgain() throws {
        let harness = try WebHarness()
        let (key, _) = try Self.saved(try Self.kimSends(harness, action: "submit"))
        let path = "/channels/demo/slides/\(key)"
        let review = try harness.send("GET", path, as: "pia").text
        #expect(review.contains("Godkänn och publicera") && review.contains(#"action="\#(path)/return""#))
        #expect(review.contains("/previews/"), "the saved revision's previews are on the review page")
        #expect(review.contains(##"href="#previews-heading""##) && review.contains(#"id="previews-heading""#))
        let empty = try harness.send("POST", path + "/return", as: "pia", form: [("reason", "  "), ("revision", "1")])
        #expect(empty.status == 400)
        #expect(empty.text.contains(#"<p id="reason-error" class="error">"#))
        #expect(empty.text.contains(#"aria-invalid="true""#))
        #expect(try Self.state(harness, key) == .submitted)
        let reason = "Skriv vilken dag avslutningen är."
        let back = try harness.send("POST", path + "/return", as: "pia", form: [("reason", reason)])
        #expect(back.status == 303)
        #expect(try Self.state(harness, key) == .returned)
        let kims = try harness.send("GET", path, as: "kim").text
        #expect(kims.contains("skickad tillbaka") && kims.contains(reason) && kims.contains(#"id="review-reason""#))
        let mine = try harness.send("GET", "/contributions", as: "kim").text
        #expect(mine.contains(reason) && mine.contains(Self.title))
        // A contributor of another organisation in the channel sees the slide, not the reason.
        let studio = harness.studio
        let eva = try studio.addUser(name: "eva", role: .contributor, password: WebHarness.password)
        try studio.setMembership(
            userID: eva, userName: "eva", channel: try studio.channel(named: "demo"), role: .contributor)
        try studio.addOrganisationMember(try studio.createOrganisation(name: "Kyrkan").id, userID: eva)
        let evas = try harness.send("GET", path, as: "eva")
        #expect(evas.status == 200 && !evas.text.contains(reason) && !evas.text.contains(#"id="review-reason""#))
        let again = try Self.kimSends(harness, action: "submit", key: key, title: "Fotbollsavslutning lördag")
        #expect(try Self.saved(again).done == "submitted")
        #expect(try Self.state(harness, key) == .submitted)
        #expect(try harness.send("GET", "/inbox", as: "pia").text.contains("Fotbollsavslutning lördag"))
    }

    @Test("approve and publish puts the slide in a new version; kim's later edit waits, the live one stays")
    func approveAndPublish() throws {
        let harness = try WebHarness()
        let (key, _) = try Self.saved(try Self.kimSends(harness, action: "submit"))
        let before = try harness.studio.channel(named: "demo").publishedVersion
        let response = try harness.send(
            "POST", "/channels/demo/slides/\(key)/approve-publish", as: "pia", form: [("revision", "1")])
        #expect(response.status == 303, "\(response.text)")
        let after = try harness.studio.channel(named: "demo").publishedVersion
        #expect(after == before + 1)
        #expect(response.headers["Location"] == "/channels/demo/publish?done=\(after)")
        #expect(try Self.state(harness, key) == .approved)
        #expect(try harness.publishedSlides()[key] != nil)

        #expect(
            try Self.saved(try Self.kimSends(harness, action: "save", key: key, title: "Ny rubrik")).done == "saved")
        #expect(try Self.state(harness, key) == .draft)
        #expect(try harness.approval(key).live == 1)
        _ = try harness.studio.publish(channel: "demo")
        let published = try #require(try harness.publishedSlides()[key])
        #expect(SlideText.text(published, "title", language: "sv") == Self.title)
    }

    @Test("a channel's limit refuses sending at the field it names; the draft is kept, the form filled in")
    func limitAtField() throws {
        let harness = try WebHarness()
        let channel = try harness.studio.channel(named: "demo")
        try harness.studio.setLimits(ChannelLimits(maxRunDays: 14), channel: channel)
        let response = try Self.kimSends(harness, action: "submit")
        #expect(response.status == 400)
        #expect(response.text.contains(#"<p id="schedule-validUntil-error" class="error">"#))
        #expect(response.text.contains(##"href="#schedule-validUntil""##) && response.text.contains("error-summary"))
        #expect(response.text.contains("14 dagar") && response.text.contains(Self.title))
        #expect(response.text.contains("sparad som utkast"))
        let key = try #require(try harness.studio.slides(of: channel).last?.key)
        #expect(try Self.state(harness, key) == .draft)
        #expect(!(try harness.send("GET", "/inbox", as: "pia").text.contains(Self.title)))

        try harness.studio.setLimits(ChannelLimits(templates: ["event"]), channel: channel)
        let template = try Self.kimSends(harness, action: "submit", key: key)
        #expect(template.status == 400)
        #expect(template.text.contains(#"<p id="template-error" class="error">"#))
        let list = try harness.send("GET", "/channels/demo", as: "kim").text
        #expect(list.contains(#"<option value="event">"#) && !list.contains(#"<option value="notice">"#))
    }

    @Test("a contributor may not approve or send back; approving a draft is refused in words")
    func refusals() throws {
        let harness = try WebHarness()
        let (key, _) = try Self.saved(try Self.kimSends(harness, action: "save"))
        let path = "/channels/demo/slides/\(key)"
        #expect(try harness.send("POST", path + "/approve", as: "kim", form: [("revision", "1")]).status == 403)
        #expect(try harness.send("POST", path + "/approve-publish", as: "kim", form: [("revision", "1")]).status == 403)
        #expect(try harness.send("POST", path + "/return", as: "kim", form: [("reason", "nej")]).status == 403)
        let draft = try harness.send("POST", path + "/approve", as: "pia", form: [("revision", "1")])
        #expect(draft.status == 409)
        #expect(draft.text.contains("bilden är utkast, inte skickad för granskning"))
        #expect(try harness.approval(key).live == nil)
        let page = try harness.send("GET", path, as: "pia").text
        #expect(!page.contains("Godkänn och publicera"), "a draft offers no review")
    }

    @Test("a contributor of two organisations picks the sender; without a choice the error is at that field")
    func twoOrganisations() throws {
        let harness = try WebHarness()
        let church = try harness.studio.createOrganisation(name: "Församlingen")
        try harness.studio.addOrganisationMember(church.id, userID: try harness.userID("kim"))
        let form = try harness.send("GET", "/channels/demo/slides/new?template=notice", as: "kim").text
        #expect(form.contains(#"<select id="organisation" name="organisation""#))
        #expect(form.contains(#"<option value="\#(church.id)">Församlingen</option>"#))
        let refused = try Self.kimSends(harness, action: "submit")
        #expect(refused.status == 400)
        #expect(refused.text.contains(#"<p id="organisation-error" class="error">"#))
        #expect(refused.text.contains(Self.title), "the form comes back filled in")
        let sent = try harness.sendMultipart(
            "/channels/demo/slides", as: "kim",
            form: WebHarness.notice(title: Self.title, action: "submit") + [("organisation", String(church.id))])
        let (key, _) = try Self.saved(sent)
        let review = try harness.studio.review(of: key, channel: try harness.studio.channel(named: "demo"))
        #expect(review.organisation?.name == "Församlingen" && review.state == .submitted)
    }

    @Test("a review's POST without the session's token is refused")
    func csrf() throws {
        let harness = try WebHarness()
        let (key, _) = try Self.saved(try Self.kimSends(harness, action: "submit"))
        let forged = try harness.send(
            "POST", "/channels/demo/slides/\(key)/return", as: "pia", form: [("reason", "x")], csrf: false)
        #expect(forged.status == 403)
        #expect(try Self.state(harness, key) == .submitted)
    }
}
