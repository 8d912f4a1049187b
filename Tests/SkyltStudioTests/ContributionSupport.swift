import Foundation
import SkyltCore
import SkyltStore
import SkyltStudio
import SkyltTestSupport
import Testing

/// A studio with the demo playlist as channels `demo` and `other`, and people: `ada`
/// (admin), `pia` and `per` (publishers of `demo`; only pia has a mail address), `ola`
/// (publisher of `other`), `kim` (contributor of `demo`, member of "Idrottsföreningen", with
/// an address) and `eva` (contributor of `demo` in no organisation).
final class ContributionStudio {
    let fixture = StudioFixture()
    let studio: Studio
    let demo: ChannelRecord
    let other: ChannelRecord
    let club: Organisation
    private(set) var users: [String: Int64] = [:]

    init() throws {
        studio = try fixture.create()
        _ = try studio.importPlaylist(channel: "demo", from: Repository.demoPlaylist)
        _ = try studio.importPlaylist(channel: "other", from: Repository.demoPlaylist)
        demo = try studio.channel(named: "demo")
        other = try studio.channel(named: "other")
        let people: [(String, Role)] = [
            ("ada", .admin), ("pia", .publisher), ("per", .publisher), ("ola", .publisher), ("kim", .contributor),
            ("eva", .contributor),
        ]
        var users: [String: Int64] = [:]
        for (name, role) in people {
            users[name] = try studio.addUser(name: name, role: role, password: "ett långt lösenord")
        }
        for (name, channel, role) in [
            ("pia", demo, ChannelRole.publisher), ("per", demo, .publisher), ("ola", other, .publisher),
            ("kim", demo, .contributor), ("eva", demo, .contributor),
        ] {
            try studio.setMembership(userID: users[name] ?? -1, userName: name, channel: channel, role: role)
        }
        self.users = users
        club = try studio.createOrganisation(name: "Idrottsföreningen")
        try studio.addOrganisationMember(club.id, userID: id("kim"))
        try studio.setEmail("pia@example.org", userID: id("pia"))
        try studio.setEmail("kim@example.org", userID: id("kim"))
    }

    func id(_ name: String) -> Int64 { users[name] ?? -1 }

    /// A notice titled `title`, with `schedule` and `priority` when given.
    static func notice(
        _ title: String, template: String = "notice", priority: String? = nil, schedule: [String: String] = [:]
    ) -> JSONValue {
        var fields: [String: JSONValue] = [
            "template": .string(template), "title": .object(["sv": .string(title)]),
            "body": .object(["sv": .string("Välkomna!")]),
        ]
        if let priority { fields["priority"] = .string(priority) }
        if !schedule.isEmpty { fields["schedule"] = .object(schedule.mapValues { .string($0) }) }
        return .object(fields)
    }

    /// Saves a new slide `key` as `user` (a contributor unless `approves`).
    @discardableResult
    func save(
        _ key: String, as user: String = "kim", content: JSONValue? = nil, create: Bool = true,
        organisation: Int64? = nil, channel: ChannelRecord? = nil
    ) throws(StudioError) -> Int {
        let approves = ["ada", "pia", "per", "ola"].contains(user)
        return try studio.saveSlide(
            key, content: content ?? Self.notice("Fotboll \(key)"), channel: channel ?? demo,
            author: SlideAuthor(userID: id(user), approves: approves, organisationID: organisation), create: create)
    }

    func submit(_ key: String, as user: String = "kim") throws(StudioError) -> ReviewState {
        try studio.submitContribution(key, channel: demo, by: id(user), role: .contributor)
    }

    func approve(_ key: String, as user: String = "pia") throws(StudioError) {
        let revision = try studio.slide(key, of: demo).revision
        try studio.approveSlide(key, revision: revision, channel: demo, by: id(user))
    }

    func state(_ key: String) throws(StudioError) -> ReviewState {
        try studio.review(of: key, channel: demo).state
    }

    /// The audit rows of `action`, as "subject | detail".
    func audit(_ action: String) throws -> [String] {
        try studio.database.query(
            "SELECT subject, detail FROM audit_log WHERE action = ? ORDER BY id", [.text(action)]
        ).map { "\($0[0].string ?? "") | \($0[1].string ?? "")" }
    }

    /// The outbox's rows as "recipient: subject".
    func mail() throws -> [OutboxMail] {
        try Outbox(studio: studio).unsentMail(limit: 1000)
    }

    /// The refusal code a failing call throws, nil when it succeeds.
    static func code(_ body: () throws(StudioError) -> Void) -> StudioError.Code? {
        do {
            try body()
            return nil
        } catch {
            return error.code
        }
    }
}
