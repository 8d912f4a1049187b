import Foundation
import SkyltHTTP
import SkyltStudio
import SkyltStudioWeb
import Testing

@Suite("studio web: a contributor's save sends the slide for review")
struct ContributionSaveTests {
    @Test("the save is submitted: in the publisher's inbox, with the contributor's organisation")
    func submitted() throws {
        let harness = try WebHarness()
        let key = try WebHarness.savedKey(
            try harness.sendMultipart("/channels/demo/slides", as: "kim", form: WebHarness.notice()))
        let channel = try harness.studio.channel(named: "demo")
        let review = try harness.studio.review(of: key, channel: channel)
        #expect(review.state == .submitted && review.organisation?.name == "Idrottsföreningen")
        let inbox = try harness.studio.inbox(for: try harness.userID("pia"), role: .publisher)
        #expect(inbox.map(\.slideKey) == [key])
    }

    @Test("when the channel's limits refuse it, the save stays a draft and the page says why")
    func refusedByLimits() throws {
        let harness = try WebHarness()
        let channel = try harness.studio.channel(named: "demo")
        try harness.studio.setLimits(ChannelLimits(templates: ["event"]), channel: channel)
        let response = try harness.sendMultipart("/channels/demo/slides", as: "kim", form: WebHarness.notice())
        #expect(response.status == 303)
        let location = try #require(response.headers["Location"])
        #expect(location.hasSuffix("?done=draft"))
        let key = String(location.dropFirst("/channels/demo/slides/".count).prefix { $0 != "?" })
        #expect(try harness.studio.review(of: key, channel: channel).state == .draft)
        let page = try harness.send("GET", location, as: "kim")
        #expect(page.status == 200 && page.text.contains("sparad som utkast"))
    }
}
