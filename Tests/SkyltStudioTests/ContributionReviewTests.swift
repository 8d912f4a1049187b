import Foundation
import SkyltCore
import SkyltStore
import SkyltStudio
import Testing

@Suite("contributions: saving, sending, approving and sending back in the studio")
struct ContributionReviewTests {
    @Test("a contributor's save is a draft of their organisation, not live, audited")
    func draft() throws {
        let studio = try ContributionStudio()
        try studio.save("fotboll")
        let review = try studio.studio.review(of: "fotboll", channel: studio.demo)
        #expect(review.state == .draft && review.organisation == studio.club && review.note == nil)
        #expect(try studio.studio.slide("fotboll", of: studio.demo).liveRevision == nil)
        #expect(try studio.audit("contribution.save") == ["demo/fotboll | revision 1, Idrottsföreningen, draft"])
        #expect(try studio.studio.inboxCount(for: studio.id("pia"), role: .publisher) == 0)
    }

    @Test("a contributor needs an organisation; with several they name one of theirs")
    func organisationChoice() throws {
        let studio = try ContributionStudio()
        #expect(
            ContributionStudio.code { () throws(StudioError) in try studio.save("a", as: "eva") } == .noOrganisation)
        let church = try studio.studio.createOrganisation(name: "Kyrkan")
        #expect(
            ContributionStudio.code { () throws(StudioError) in try studio.save("b", as: "eva", organisation: church.id)
            }
                == .notInOrganisation)
        try studio.studio.addOrganisationMember(church.id, userID: studio.id("eva"))
        try studio.studio.addOrganisationMember(studio.club.id, userID: studio.id("eva"))
        #expect(
            ContributionStudio.code { () throws(StudioError) in try studio.save("c", as: "eva") }
                == .organisationRequired)
        try studio.save("d", as: "eva", organisation: church.id)
        #expect(try studio.studio.review(of: "d", channel: studio.demo).organisation?.name == "Kyrkan")
        #expect(try studio.studio.slides(of: studio.demo).allSatisfy { !["a", "b", "c"].contains($0.key) })
    }

    @Test("a contributor cannot change another organisation's slide, nor a publisher's own")
    func foreignSlides() throws {
        let studio = try ContributionStudio()
        try studio.save("fotboll")
        let church = try studio.studio.createOrganisation(name: "Kyrkan")
        try studio.studio.addOrganisationMember(church.id, userID: studio.id("eva"))
        let refused = StudioError.Code.contributionRefused(ContributionRefusal(.notTheirOrganisation))
        #expect(
            ContributionStudio.code { () throws(StudioError) in try studio.save("fotboll", as: "eva", create: false) }
                == refused)
        #expect(
            ContributionStudio.code { () throws(StudioError) in _ = try studio.submit("fotboll", as: "eva") } == refused
        )
        #expect(
            ContributionStudio.code { () throws(StudioError) in try studio.save("wifi", as: "kim", create: false) }
                == refused)
        #expect(try studio.studio.slide("fotboll", of: studio.demo).revision == 1)
    }

    @Test("submit: the slide waits in the inbox and every publisher with an address gets one mail")
    func submit() throws {
        let studio = try ContributionStudio()
        try studio.save("fotboll")
        #expect(try studio.submit("fotboll") == .submitted)
        let review = try studio.studio.review(of: "fotboll", channel: studio.demo)
        #expect(review.state == .submitted && review.submittedAt != nil)
        #expect(try studio.audit("contribution.submit") == ["demo/fotboll | revision 1, Idrottsföreningen"])
        let mail = try studio.mail()
        #expect(mail.map(\.recipient) == ["pia@example.org"], "per is a publisher without an address")
        let body = try #require(mail.first?.body)
        #expect(body.contains("Idrottsföreningen") && body.contains("Fotboll fotboll") && body.contains("demo"))
        #expect(body.contains("/channels/demo/slides/fotboll"))
        #expect(body.contains("granskar") && body.contains("review"))
        #expect(try studio.studio.slide("fotboll", of: studio.demo).liveRevision == nil)
        let again = ContributionStudio.code { () throws(StudioError) in _ = try studio.submit("fotboll") }
        #expect(again == .contributionRefused(ContributionRefusal(.wrongState(.submitted))))
    }

    @Test("approve: live, note cleared, the contributor mailed and both audit rows written")
    func approve() throws {
        let studio = try ContributionStudio()
        try studio.save("fotboll")
        _ = try studio.submit("fotboll")
        try studio.approve("fotboll")
        let review = try studio.studio.review(of: "fotboll", channel: studio.demo)
        #expect(review.state == .approved && review.note == nil)
        #expect(try studio.studio.slide("fotboll", of: studio.demo).liveRevision == 1)
        #expect(try studio.audit("contribution.approve") == ["demo/fotboll | revision 1, Idrottsföreningen"])
        #expect(try studio.audit("slide.approve") == ["demo/fotboll | revision 1"])
        let toKim = try studio.mail().filter { $0.recipient == "kim@example.org" }
        #expect(toKim.count == 1 && toKim.first?.subject.contains("Godkänd") == true)
    }

    @Test("a draft is not approved: only a submitted contribution is")
    func approveDraft() throws {
        let studio = try ContributionStudio()
        try studio.save("fotboll")
        let code = ContributionStudio.code { () throws(StudioError) in try studio.approve("fotboll") }
        #expect(code == .contributionRefused(ContributionRefusal(.wrongState(.draft))))
        #expect(try studio.studio.slide("fotboll", of: studio.demo).liveRevision == nil)
        #expect(try studio.audit("slide.approve").isEmpty)
    }

    @Test("send back: returned with the reason, mailed; editing keeps it returned until sent again")
    func sendBack() throws {
        let studio = try ContributionStudio()
        try studio.save("fotboll")
        _ = try studio.submit("fotboll")
        let missing = ContributionStudio.code { () throws(StudioError) in
            try studio.studio.sendBackContribution("fotboll", reason: "  ", channel: studio.demo, by: studio.id("pia"))
        }
        #expect(missing == .contributionRefused(ContributionRefusal(.reasonMissing)))
        try studio.studio.sendBackContribution(
            "fotboll", reason: " Ange sluttid. ", channel: studio.demo, by: studio.id("pia"))
        var review = try studio.studio.review(of: "fotboll", channel: studio.demo)
        #expect(review.state == .returned && review.note == "Ange sluttid.")
        #expect(try studio.audit("contribution.return") == ["demo/fotboll | revision 1: Ange sluttid."])
        let toKim = try studio.mail().filter { $0.recipient == "kim@example.org" }
        #expect(toKim.count == 1 && toKim.first?.body.contains("Skäl: Ange sluttid.") == true)
        #expect(toKim.first?.body.contains("Reason: Ange sluttid.") == true)
        try studio.save("fotboll", create: false)
        review = try studio.studio.review(of: "fotboll", channel: studio.demo)
        #expect(review.state == .returned && review.note == "Ange sluttid.")
        #expect(try studio.submit("fotboll") == .submitted)
        try studio.approve("fotboll")
        review = try studio.studio.review(of: "fotboll", channel: studio.demo)
        #expect(review.state == .approved && review.note == nil)
        #expect(try studio.studio.slide("fotboll", of: studio.demo).liveRevision == 2)
    }

    @Test("editing an approved contribution makes a draft again; the approved revision stays live")
    func editApproved() throws {
        let studio = try ContributionStudio()
        try studio.save("fotboll")
        _ = try studio.submit("fotboll")
        try studio.approve("fotboll")
        try studio.save("fotboll", create: false)
        #expect(try studio.state("fotboll") == .draft)
        let stored = try studio.studio.slide("fotboll", of: studio.demo)
        #expect(stored.revision == 2 && stored.liveRevision == 1)
        #expect(try studio.studio.slides(of: studio.demo).first { $0.key == "fotboll" }?.isWaiting == true)
    }

    @Test("withdraw takes a submitted contribution back to draft and out of the inbox")
    func withdraw() throws {
        let studio = try ContributionStudio()
        try studio.save("fotboll")
        _ = try studio.submit("fotboll")
        try studio.studio.withdrawContribution(
            "fotboll", channel: studio.demo, by: studio.id("kim"), role: .contributor)
        #expect(try studio.state("fotboll") == .draft)
        #expect(try studio.studio.inbox(for: studio.id("pia"), role: .publisher).isEmpty)
        #expect(try studio.audit("contribution.withdraw") == ["demo/fotboll | "])
    }

    @Test("a publisher's save is approved at once, as before contributions")
    func publisherSave() throws {
        let studio = try ContributionStudio()
        try studio.save("marknad", as: "pia")
        let review = try studio.studio.review(of: "marknad", channel: studio.demo)
        #expect(review.state == .approved && review.organisation == nil)
        #expect(try studio.studio.slide("marknad", of: studio.demo).liveRevision == 1)
        #expect(try studio.audit("contribution.save").isEmpty)
    }

    @Test("a trusted organisation's submit is approved at once, approved by nobody, audited with its name")
    func trusted() throws {
        let studio = try ContributionStudio()
        try studio.studio.setTrusted(studio.club.id, channel: studio.demo, trusted: true, by: studio.id("pia"))
        #expect(try studio.studio.isTrusted(studio.club.id, channel: studio.demo))
        #expect(try !studio.studio.isTrusted(studio.club.id, channel: studio.other))
        #expect(try studio.studio.trustedOrganisations(of: studio.demo) == [studio.club])
        #expect(try studio.audit("organisation.trust") == ["demo/Idrottsföreningen | "])
        try studio.save("fotboll")
        #expect(try studio.submit("fotboll") == .approved)
        let row = try #require(
            try studio.studio.database.query(
                "SELECT live_revision_id IS NOT NULL, approved_by, review_state FROM slides WHERE slide_key = 'fotboll'"
            ).first)
        #expect(row[0].int == 1 && row[1] == .null && row[2].string == "approved")
        #expect(try studio.audit("contribution.approve.trusted") == ["demo/fotboll | revision 1, Idrottsföreningen"])
        #expect(try studio.studio.inboxCount(for: studio.id("pia"), role: .publisher) == 0)
        try studio.studio.setTrusted(studio.club.id, channel: studio.demo, trusted: false, by: studio.id("pia"))
        #expect(try studio.studio.trustedOrganisations(of: studio.demo).isEmpty)
        #expect(try studio.audit("organisation.distrust").count == 1)
    }
}
