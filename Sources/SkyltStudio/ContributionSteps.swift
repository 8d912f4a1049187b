import Foundation
import SkyltCore
import SkyltStore

extension Studio {
    /// Sends contributor `userID`'s slide `key` for review, after checking the channel's
    /// limits. A trusted organisation's contribution is approved at once (approved_by NULL,
    /// audited as "contribution.approve.trusted"); any other waits in the publishers' inbox,
    /// and they are mailed. Returns the state it ends in (`submitted` or `approved`).
    @discardableResult
    public func submitContribution(_ key: String, channel: ChannelRecord, by userID: Int64, role: Role)
        throws(StudioError) -> ReviewState
    {
        try transaction { () throws(StudioError) in
            let slideID = try self.slideID(key, of: channel)
            let actor = try reviewActor(userID: userID, role: role, slide: key, channel: channel) ?? .otherContributor
            let (organisationID, state, _, _) = try reviewRow(slideID)
            _ = try workflow(from: state, .submit, by: actor)
            guard let organisationID else {
                throw StudioError(.contributionRefused(ContributionRefusal(.contributorsOnly)))
            }
            let newest = try newestRevision(slideID, key: key, channel: channel)
            try checkLimits(newest.content, slideID: slideID, organisationID: organisationID, channel: channel)
            let now = Self.timestamp()
            let organisation = try organisation(organisationID)
            let subject = "\(channel.name)/\(key)"
            try audit(
                "contribution.submit", subject: subject, detail: "revision \(newest.number), \(organisation.name)")
            let mail = ContributionMail(
                channel: channel.name, slide: key, title: try title(newest.content, channel),
                organisation: organisation.name)
            if try isTrusted(organisationID, channel: channel) {
                try setReview(slideID, state: .approved, note: nil, submittedAt: now, live: newest.id, approvedBy: nil)
                try audit(
                    "contribution.approve.trusted", subject: subject,
                    detail: "revision \(newest.number), \(organisation.name)")
                try Outbox(studio: self).queueMail(to: try senders(slideID, organisationID), mail.approved)
                return .approved
            }
            try setReview(slideID, state: .submitted, note: nil, submittedAt: now)
            try Outbox(studio: self).queueMail(to: try publishers(of: channel), mail.submitted)
            return .submitted
        }
    }

    /// Takes contributor `userID`'s submitted slide `key` out of review, back to draft.
    public func withdrawContribution(_ key: String, channel: ChannelRecord, by userID: Int64, role: Role)
        throws(StudioError)
    {
        try transaction { () throws(StudioError) in
            let slideID = try self.slideID(key, of: channel)
            let actor = try reviewActor(userID: userID, role: role, slide: key, channel: channel) ?? .otherContributor
            let (_, state, note, _) = try reviewRow(slideID)
            let next = try workflow(from: state, .withdraw, by: actor)
            try setReview(slideID, state: next, note: note, submittedAt: nil)
            try audit("contribution.withdraw", subject: "\(channel.name)/\(key)")
        }
    }

    /// Returns submitted slide `key` to its contributors with `reason` (trimmed; required, at
    /// most 1,000 characters), by publisher `userID`. They see the reason on the slide and
    /// are mailed it.
    public func sendBackContribution(_ key: String, reason: String, channel: ChannelRecord, by userID: Int64)
        throws(StudioError)
    {
        try transaction { () throws(StudioError) in
            let slideID = try self.slideID(key, of: channel)
            let (organisationID, state, _, submittedAt) = try reviewRow(slideID)
            _ = try workflow(from: state, .sendBack(reason: reason), by: .publisher)
            let note = (try? ContributionWorkflow.checkedReason(reason).get()) ?? reason
            try setReview(slideID, state: .returned, note: note, submittedAt: submittedAt)
            let newest = try newestRevision(slideID, key: key, channel: channel)
            try audit(
                "contribution.return", subject: "\(channel.name)/\(key)", detail: "revision \(newest.number): \(note)")
            var organisation: String?
            if let organisationID { organisation = try self.organisation(organisationID).name }
            let mail = ContributionMail(
                channel: channel.name, slide: key, title: try title(newest.content, channel),
                organisation: organisation ?? "")
            try Outbox(studio: self).queueMail(to: try senders(slideID, organisationID), mail.returned(reason: note))
        }
    }

    /// The review part of `approveSlide` (inside its transaction, after its stale check): a
    /// contribution must be submitted and within the channel's limits; it becomes approved,
    /// its note is cleared and its contributors are mailed. A publisher's own slide is
    /// simply approved.
    func approveReview(slideID: Int64, key: String, revision: Int, channel: ChannelRecord) throws(StudioError) {
        let (organisationID, state, _, submittedAt) = try reviewRow(slideID)
        guard let organisationID else {
            try setReview(slideID, state: .approved, note: nil, submittedAt: submittedAt)
            return
        }
        _ = try workflow(from: state, .approve, by: .publisher)
        let newest = try newestRevision(slideID, key: key, channel: channel)
        try checkLimits(newest.content, slideID: slideID, organisationID: organisationID, channel: channel)
        try setReview(slideID, state: .approved, note: nil, submittedAt: submittedAt)
        let organisation = try organisation(organisationID)
        try audit(
            "contribution.approve", subject: "\(channel.name)/\(key)",
            detail: "revision \(revision), \(organisation.name)")
        let mail = ContributionMail(
            channel: channel.name, slide: key, title: try title(newest.content, channel),
            organisation: organisation.name)
        try Outbox(studio: self).queueMail(to: try senders(slideID, organisationID), mail.approved)
    }

    func setReview(
        _ slideID: Int64, state: ReviewState, note: String?, submittedAt: String?, live: Int64? = nil,
        approvedBy: Int64? = nil
    ) throws(StudioError) {
        try storing { () throws(StoreError) in
            try database.execute(
                "UPDATE slides SET review_state = ?, review_note = ?, submitted_at = ? WHERE id = ?",
                [
                    .text(state.rawValue), note.map { .text($0) } ?? .null, submittedAt.map { .text($0) } ?? .null,
                    .integer(slideID),
                ])
            if let live {
                try database.execute(
                    "UPDATE slides SET live_revision_id = ?, approved_by = ?, approved_at = ? WHERE id = ?",
                    [
                        .integer(live), approvedBy.map { .integer($0) } ?? .null, .text(Self.timestamp()),
                        .integer(slideID),
                    ])
            }
        }
    }

    /// The slide's newest revision: its row id, number and content.
    func newestRevision(_ slideID: Int64, key: String, channel: ChannelRecord) throws(StudioError)
        -> (id: Int64, number: Int, content: JSONValue)
    {
        let row = try storing { () throws(StoreError) in
            try database.query(
                "SELECT id, number, content_json FROM slide_revisions WHERE slide_id = ? ORDER BY number DESC LIMIT 1",
                [.integer(slideID)]
            ).first
        }
        guard let row, case .integer(let id) = row[0], let text = row[2].string,
            let content = try? JSONValue.parse(Data(text.utf8))
        else { throw StudioError(.unknownRevision, location: "\(channel.name)/\(key)") }
        return (id, row[1].int ?? 0, content)
    }

    /// The members of the organisation who saved a revision of the slide (all its members
    /// when none of them did): those the outcome of a review concerns.
    func senders(_ slideID: Int64, _ organisationID: Int64?) throws(StudioError) -> [Int64] {
        guard let organisationID else { return [] }
        let rows = try storing { () throws(StoreError) in
            try database.query(
                """
                SELECT DISTINCT m.user_id FROM organisation_members m WHERE m.organisation_id = ? AND (
                    m.user_id IN (SELECT author_id FROM slide_revisions WHERE slide_id = ? AND author_id IS NOT NULL)
                    OR NOT EXISTS (SELECT 1 FROM slide_revisions r JOIN organisation_members o ON o.user_id = r.author_id
                        WHERE r.slide_id = ? AND o.organisation_id = ?))
                """, [.integer(organisationID), .integer(slideID), .integer(slideID), .integer(organisationID)])
        }
        return rows.compactMap { if case .integer(let id) = $0[0] { id } else { nil } }
    }

    /// The channel's publishers (its members of role publisher).
    func publishers(of channel: ChannelRecord) throws(StudioError) -> [Int64] {
        let rows = try storing { () throws(StoreError) in
            try database.query(
                "SELECT user_id FROM channel_members WHERE channel_id = ? AND role = 'publisher'",
                [.integer(channel.id)])
        }
        return rows.compactMap { if case .integer(let id) = $0[0] { id } else { nil } }
    }

    func title(_ content: JSONValue, _ channel: ChannelRecord) throws(StudioError) -> String {
        SlideText.title(of: content, language: try defaultLanguage(of: channel)) ?? ""
    }
}
