import Foundation
import SkyltCore
import SkyltStore
import SkyltStudio
import Testing

@Suite("contributions: a channel's limits, checked on submit and on approve")
struct ContributionLimitTests {
    static func limitCode(_ body: () throws(StudioError) -> Void) -> LimitRefusal? {
        guard case .contributionLimit(let refusal)? = ContributionStudio.code(body) else { return nil }
        return refusal
    }

    @Test("limits are stored, read back and audited; unknown templates and bad numbers are refused")
    func setAndGet() throws {
        let studio = try ContributionStudio()
        #expect(try studio.studio.limits(of: studio.demo) == .none)
        let limits = ChannelLimits(maxLivePerOrganisation: 2, maxRunDays: 14, templates: ["notice", "event"])
        try studio.studio.setLimits(limits, channel: studio.demo)
        #expect(
            try studio.studio.limits(of: studio.demo)
                == ChannelLimits(maxLivePerOrganisation: 2, maxRunDays: 14, templates: ["event", "notice"]))
        #expect(try studio.studio.limits(of: studio.other) == .none)
        #expect(
            try studio.audit("channel.limits") == [
                "demo | live per organisation 2, run days 14, templates event notice"
            ])
        for bad in [
            ChannelLimits(templates: ["nyhet"]), ChannelLimits(maxLivePerOrganisation: -1),
            ChannelLimits(maxRunDays: 0),
        ] {
            #expect(
                ContributionStudio.code { () throws(StudioError) in
                    try studio.studio.setLimits(bad, channel: studio.demo)
                }
                    == .invalidLimits)
        }
        try studio.studio.setLimits(.none, channel: studio.demo)
        #expect(try studio.studio.limits(of: studio.demo) == .none)
    }

    @Test("N live slides of an organisation are allowed, the N+1th is refused on submit and on approve")
    func liveCount() throws {
        let studio = try ContributionStudio()
        try studio.studio.setLimits(ChannelLimits(maxLivePerOrganisation: 2), channel: studio.demo)
        for key in ["a", "b", "c", "d"] { try studio.save(key) }
        _ = try studio.submit("a")
        try studio.approve("a")
        _ = try studio.submit("b")
        _ = try studio.submit("c")
        try studio.approve("b")
        #expect(Self.limitCode { () throws(StudioError) in try studio.approve("c") } == .tooManyLive(max: 2))
        #expect(try studio.state("c") == .submitted)
        #expect(try studio.studio.slide("c", of: studio.demo).liveRevision == nil)
        #expect(Self.limitCode { () throws(StudioError) in _ = try studio.submit("d") } == .tooManyLive(max: 2))
        #expect(try studio.state("d") == .draft)
        try studio.studio.setArchived("a", channel: studio.demo, archived: true)
        #expect(try studio.submit("d") == .submitted, "an archived slide is not live")
        try studio.approve("d")
        try studio.save("b", create: false)
        #expect(try studio.submit("b") == .submitted, "the slide itself is not counted")
    }

    @Test("a run of exactly the most days is allowed, a day more is refused, and an end date is required")
    func runDays() throws {
        let studio = try ContributionStudio()
        try studio.studio.setLimits(ChannelLimits(maxRunDays: 7), channel: studio.demo)
        let exact = ContributionStudio.notice(
            "Cup", schedule: ["validFrom": "2027-05-01T08:00:00+02:00", "validUntil": "2027-05-08T08:00:00+02:00"])
        try studio.save("exact", content: exact)
        #expect(try studio.submit("exact") == .submitted)
        let longer = ContributionStudio.notice(
            "Cup", schedule: ["validFrom": "2027-05-01T08:00:00+02:00", "validUntil": "2027-05-09T08:00:00+02:00"])
        try studio.save("longer", content: longer)
        let refusal = Self.limitCode { () throws(StudioError) in _ = try studio.submit("longer") }
        #expect(refusal == .runTooLong(days: 8, maxDays: 7))
        #expect(refusal?.field == "schedule.validUntil")
        try studio.save("open", content: ContributionStudio.notice("Cup"))
        let open = Self.limitCode { () throws(StudioError) in _ = try studio.submit("open") }
        #expect(open == .endDateMissing(maxDays: 7) && open?.field == "schedule.validUntil")
        #expect(open?.description.contains("end date") == true)
        let fromNow = ContributionStudio.notice(
            "Cup", schedule: ["validUntil": ISO8601.format(Date().addingTimeInterval(6 * 86_400))])
        try studio.save("now", content: fromNow)
        #expect(try studio.submit("now") == .submitted, "without validFrom the run starts when sent")
    }

    @Test("a template not in the list is refused; urgent is refused whatever the list says")
    func templatesAndUrgent() throws {
        let studio = try ContributionStudio()
        try studio.save("urgent", content: ContributionStudio.notice("Brand", priority: "urgent"))
        let urgent = Self.limitCode { () throws(StudioError) in _ = try studio.submit("urgent") }
        #expect(urgent == .urgentPriority && urgent?.field == "priority", "no limits set")
        try studio.studio.setLimits(ChannelLimits(templates: []), channel: studio.demo)
        #expect(Self.limitCode { () throws(StudioError) in _ = try studio.submit("urgent") } == .urgentPriority)
        try studio.studio.setLimits(ChannelLimits(templates: ["notice"]), channel: studio.demo)
        #expect(Self.limitCode { () throws(StudioError) in _ = try studio.submit("urgent") } == .urgentPriority)
        try studio.save("event", content: ContributionStudio.notice("Cup", template: "event"))
        let template = Self.limitCode { () throws(StudioError) in _ = try studio.submit("event") }
        #expect(
            template == .templateNotAllowed(template: "event", allowed: ["notice"]) && template?.field == "template")
        try studio.save("notice")
        #expect(try studio.submit("notice") == .submitted)
        #expect(try studio.state("event") == .draft && studio.state("urgent") == .draft)
    }
}
