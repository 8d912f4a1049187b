import Foundation
import SkyltCore
import SkyltStore
import SkyltStudio
import Testing

@Suite("contributions: the publishers' inbox")
struct ContributionInboxTests {
    @Test("the inbox lists submitted contributions of the channels the user publishes, oldest first")
    func inbox() throws {
        let studio = try ContributionStudio()
        try studio.studio.setMembership(
            userID: studio.id("kim"), userName: "kim", channel: studio.other, role: .contributor)
        try studio.save("forst")
        try studio.save("sedan")
        try studio.save("utkast")
        try studio.save("annan", channel: studio.other)
        _ = try studio.submit("forst")
        _ = try studio.submit("sedan")
        _ = try studio.studio.submitContribution(
            "annan", channel: studio.other, by: studio.id("kim"), role: .contributor)
        // One second apart on the clock would slow the test; the order is by submitted_at.
        try studio.studio.database.execute(
            "UPDATE slides SET submitted_at = '2020-01-01T00:00:00Z' WHERE slide_key = 'sedan'")
        let pia = try studio.studio.inbox(for: studio.id("pia"), role: .publisher)
        #expect(pia.map(\.slideKey) == ["sedan", "forst"])
        #expect(pia.first?.channel == "demo" && pia.first?.title == "Fotboll sedan")
        #expect(pia.first?.organisation == "Idrottsföreningen" && pia.first?.revision == 1)
        #expect(pia.first?.submittedAt == "2020-01-01T00:00:00Z")
        #expect(try studio.studio.inboxCount(for: studio.id("pia"), role: .publisher) == 2)
        let ola = try studio.studio.inbox(for: studio.id("ola"), role: .publisher)
        #expect(ola.map(\.slideKey) == ["annan"] && ola.first?.channel == "other")
        #expect(try studio.studio.inboxCount(for: studio.id("ola"), role: .publisher) == 1)
        let ada = try studio.studio.inbox(for: studio.id("ada"), role: .admin)
        #expect(Set(ada.map(\.slideKey)) == ["forst", "sedan", "annan"])
        #expect(try studio.studio.inboxCount(for: studio.id("ada"), role: .admin) == 3)
        #expect(try studio.studio.inboxCount(for: studio.id("kim"), role: .contributor) == 0)
        try studio.approve("forst")
        try studio.studio.setArchived("sedan", channel: studio.demo, archived: true)
        #expect(try studio.studio.inbox(for: studio.id("pia"), role: .publisher).isEmpty)
        #expect(try studio.studio.inboxCount(for: studio.id("pia"), role: .publisher) == 0)
    }
}
