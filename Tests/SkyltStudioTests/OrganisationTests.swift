import Foundation
import SkyltCore
import SkyltStore
import SkyltStudio
import Testing

@Suite("contributions: organisations, mail addresses and the outbox")
struct OrganisationTests {
    @Test("organisations: made, named 1 to 120 characters, unique, renamed, listed, audited")
    func organisations() throws {
        let studio = try ContributionStudio()
        let long = String(repeating: "ö", count: 120)
        let made = try studio.studio.createOrganisation(name: "  " + long + " ")
        #expect(made.name == long)
        for bad in ["", "   ", long + "x", "Två\nrader"] {
            #expect(
                ContributionStudio.code { () throws(StudioError) in _ = try studio.studio.createOrganisation(name: bad)
                }
                    == .invalidOrganisationName)
        }
        #expect(
            ContributionStudio.code { () throws(StudioError) in
                _ = try studio.studio.createOrganisation(name: "Idrottsföreningen")
            } == .duplicateOrganisation)
        try studio.studio.renameOrganisation(made.id, to: "Byalaget")
        #expect(try studio.studio.organisation(made.id).name == "Byalaget")
        #expect(try studio.studio.organisation(named: "Byalaget").id == made.id)
        #expect(
            ContributionStudio.code { () throws(StudioError) in
                try studio.studio.renameOrganisation(made.id, to: "Idrottsföreningen")
            } == .duplicateOrganisation)
        #expect(
            ContributionStudio.code { () throws(StudioError) in try studio.studio.renameOrganisation(999, to: "X") }
                == .unknownOrganisation)
        #expect(try studio.studio.organisations().map(\.name) == ["Byalaget", "Idrottsföreningen"])
        #expect(try studio.audit("organisation.create") == ["Idrottsföreningen | ", "\(long) | "])
        #expect(try studio.audit("organisation.rename") == ["Byalaget | was \(long)"])
    }

    @Test("members are added, listed both ways and removed, with audit rows")
    func members() throws {
        let studio = try ContributionStudio()
        let church = try studio.studio.createOrganisation(name: "Kyrkan")
        try studio.studio.addOrganisationMember(church.id, userID: studio.id("kim"))
        try studio.studio.addOrganisationMember(church.id, userID: studio.id("eva"))
        try studio.studio.addOrganisationMember(church.id, userID: studio.id("eva"))
        #expect(try studio.studio.organisationMembers(church.id).map(\.name) == ["eva", "kim"])
        #expect(
            try studio.studio.organisations(ofUser: studio.id("kim")).map(\.name) == ["Idrottsföreningen", "Kyrkan"])
        try studio.studio.removeOrganisationMember(church.id, userID: studio.id("kim"))
        #expect(try studio.studio.organisationMembers(church.id).map(\.name) == ["eva"])
        #expect(try studio.studio.organisations(ofUser: studio.id("kim")).map(\.name) == ["Idrottsföreningen"])
        #expect(try studio.audit("organisation.member.remove") == ["Kyrkan | kim"])
        #expect(try studio.audit("organisation.member.add").suffix(2) == ["Kyrkan | eva", "Kyrkan | eva"])
        #expect(
            ContributionStudio.code { () throws(StudioError) in
                try studio.studio.addOrganisationMember(church.id, userID: 999)
            } == .unknownUser)
    }

    @Test("a mail address is checked, set, cleared and audited without the address itself")
    func email() throws {
        let studio = try ContributionStudio()
        let eva = studio.id("eva")
        #expect(try studio.studio.email(ofUser: eva) == nil)
        try studio.studio.setEmail(" eva@byn.se ", userID: eva)
        #expect(try studio.studio.email(ofUser: eva) == "eva@byn.se")
        for bad in [
            "eva", "@byn.se", "eva@byn", "eva @byn.se", "eva@byn.se\nBcc: x@y.z", "a@b@c.se", "-f@x.se",
            "jan(kyrkan)@byn.se", "[eva]@byn.se",
        ] {
            #expect(
                ContributionStudio.code { () throws(StudioError) in try studio.studio.setEmail(bad, userID: eva) }
                    == .invalidEmail, "\(bad)")
        }
        #expect(try studio.studio.email(ofUser: eva) == "eva@byn.se")
        try studio.studio.setEmail("", userID: eva)
        #expect(try studio.studio.email(ofUser: eva) == nil)
        let rows = try studio.audit("user.email")
        #expect(rows.suffix(2) == ["eva | set", "eva | removed"])
        #expect(rows.allSatisfy { !$0.contains("@") })
    }

    @Test("the outbox skips users without an address; mail is marked sent or failed")
    func outbox() throws {
        let studio = try ContributionStudio()
        let outbox = Outbox(studio: studio.studio)
        let queued = try outbox.queueMail(
            to: [studio.id("pia"), studio.id("per"), studio.id("kim"), studio.id("pia")], subject: "Hej", body: "Text")
        #expect(queued == 2)
        let mail = try outbox.unsentMail()
        #expect(mail.map(\.recipient) == ["pia@example.org", "kim@example.org"])
        let first = try #require(mail.first)
        let second = try #require(mail.last)
        try outbox.markFailed(second.id, error: "sendmail exited with 75")
        try outbox.markSent(first.id)
        let left = try outbox.unsentMail()
        #expect(left.map(\.id) == [second.id])
        #expect(left.first?.attempts == 1 && left.first?.lastError == "sendmail exited with 75")
        #expect(try outbox.unsentMail(limit: 0).isEmpty)
    }

    @Test("a step that fails queues no mail: the outbox is written in the step's transaction")
    func mailOnlyForSteps() throws {
        let studio = try ContributionStudio()
        try studio.studio.setLimits(ChannelLimits(templates: ["event"]), channel: studio.demo)
        try studio.save("fotboll")
        #expect(ContributionStudio.code { () throws(StudioError) in _ = try studio.submit("fotboll") } != nil)
        #expect(try studio.mail().isEmpty)
        #expect(try studio.audit("contribution.submit").isEmpty)
    }
}
