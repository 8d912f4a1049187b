import Foundation
import SkyltCore
import SkyltStore

/// Where a slide's review stands, for its page: the state, who sends it, and the reason a
/// publisher gave when sending it back.
public struct SlideReview: Sendable, Equatable {
    public var state: ReviewState
    /// nil: a publisher's own slide.
    public var organisation: Organisation?
    /// The publisher's reason, while the slide is returned (cleared on approval).
    public var note: String?
    public var submittedAt: String?
}

/// What a save does to a slide's review, worked out before its revision is added.
struct EditReview {
    var organisationID: Int64?
    var state: ReviewState
    var contributed: Bool
}

extension Studio {
    /// The review of slide `key`, or `unknownSlide`.
    public func review(of key: String, channel: ChannelRecord) throws(StudioError) -> SlideReview {
        let slideID = try self.slideID(key, of: channel)
        let (organisationID, state, note, submittedAt) = try reviewRow(slideID)
        var sender: Organisation?
        if let organisationID { sender = try organisation(organisationID) }
        return SlideReview(state: state, organisation: sender, note: note, submittedAt: submittedAt)
    }

    /// How the workflow sees user `userID` (global role `role`) acting on slide `key`: nil when
    /// they have no role in the channel. A contributor is the slide's own when they belong to
    /// its organisation; a publisher's own slide (no organisation) is no contributor's.
    public func reviewActor(userID: Int64, role: Role, slide key: String, channel: ChannelRecord)
        throws(StudioError) -> ReviewActor?
    {
        if role == .admin { return .admin }
        guard let channelRole = try channelRole(userID: userID, role: role, channel: channel) else { return nil }
        if channelRole == .publisher { return .publisher }
        let (organisationID, _, _, _) = try reviewRow(try slideID(key, of: channel))
        guard let organisationID else { return .otherContributor }
        return try isMember(userID, of: organisationID) ? .ownContributor : .otherContributor
    }

    /// The review after an edit by `author`; refuses a contributor's edit the workflow refuses,
    /// and a new slide of a contributor without a fitting organisation.
    func reviewOfEdit(slideID: Int64, created: Bool, author: SlideAuthor) throws(StudioError) -> EditReview {
        let (current, state, _, _) = try reviewRow(slideID)
        if author.approves { return EditReview(organisationID: current, state: .approved, contributed: false) }
        let organisationID: Int64
        if created {
            organisationID = try sendingOrganisation(author)
        } else {
            guard let current, try isMember(author.userID, of: current) else {
                throw StudioError(.contributionRefused(ContributionRefusal(.notTheirOrganisation)))
            }
            organisationID = current
        }
        let next = try workflow(from: created ? .draft : state, .edit, by: .ownContributor)
        return EditReview(organisationID: organisationID, state: next, contributed: true)
    }

    /// Stores the review an edit leads to, with the contribution's audit row.
    func recordEdit(_ review: EditReview, slideID: Int64, subject: String, revision: Int) throws(StudioError) {
        try storing { () throws(StoreError) in
            try database.execute(
                """
                UPDATE slides SET organisation_id = ?, review_state = ?,
                    review_note = CASE WHEN ? = 'approved' THEN NULL ELSE review_note END WHERE id = ?
                """,
                [
                    review.organisationID.map { .integer($0) } ?? .null, .text(review.state.rawValue),
                    .text(review.state.rawValue), .integer(slideID),
                ])
        }
        if review.contributed {
            var organisation: String?
            if let id = review.organisationID { organisation = try self.organisation(id).name }
            try audit(
                "contribution.save", subject: subject,
                detail: "revision \(revision), \(organisation ?? "-"), \(review.state.rawValue)")
        }
    }

    /// The organisation a contributor's new slide is sent by: the one named (theirs), else
    /// their only one.
    func sendingOrganisation(_ author: SlideAuthor) throws(StudioError) -> Int64 {
        let own = try organisations(ofUser: author.userID)
        if let named = author.organisationID {
            guard own.contains(where: { $0.id == named }) else {
                throw StudioError(.notInOrganisation, location: "\(named)")
            }
            return named
        }
        if own.isEmpty { throw StudioError(.noOrganisation) }
        guard own.count == 1, let only = own.first else { throw StudioError(.organisationRequired) }
        return only.id
    }

    /// The workflow's next state, or its refusal as a `StudioError`.
    func workflow(from state: ReviewState, _ action: ReviewAction, by actor: ReviewActor) throws(StudioError)
        -> ReviewState
    {
        switch ContributionWorkflow.transition(from: state, action: action, by: actor) {
        case .success(let next): return next
        case .failure(let refusal): throw StudioError(.contributionRefused(refusal))
        }
    }

    func isMember(_ userID: Int64, of organisationID: Int64) throws(StudioError) -> Bool {
        try storing { () throws(StoreError) in
            try !database.query(
                "SELECT 1 FROM organisation_members WHERE organisation_id = ? AND user_id = ?",
                [.integer(organisationID), .integer(userID)]
            ).isEmpty
        }
    }

    /// The slide's organisation, review state, note and time of submission.
    func reviewRow(_ slideID: Int64) throws(StudioError) -> (Int64?, ReviewState, String?, String?) {
        let row = try storing { () throws(StoreError) in
            try database.query(
                "SELECT organisation_id, review_state, review_note, submitted_at FROM slides WHERE id = ?",
                [.integer(slideID)]
            ).first
        }
        guard let row else { throw StudioError(.unknownSlide, location: "\(slideID)") }
        let organisationID: Int64? = if case .integer(let id) = row[0] { id } else { nil }
        return (
            organisationID, row[1].string.flatMap(ReviewState.init(rawValue:)) ?? .approved, row[2].string,
            row[3].string
        )
    }
}
