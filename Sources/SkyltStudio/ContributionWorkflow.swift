import Foundation

/// Where a contribution's review stands (`slides.review_state`).
public enum ReviewState: String, Sendable, CaseIterable {
    /// Saved by its contributor, not yet sent for review. An approved revision stays live.
    case draft
    /// Sent for review: it is in the inbox of the channel's publishers.
    case submitted
    /// Sent back by a publisher with a reason; stays so while edited, until sent again.
    case returned
    /// Its newest revision is the live one.
    case approved
}

/// A step someone takes on a contribution.
public enum ReviewAction: Sendable, Equatable {
    /// Saving a new revision.
    case edit
    /// Sending it to the channel's publishers.
    case submit
    /// Making the newest revision the live one.
    case approve
    /// Returning it to its contributor with a reason they read.
    case sendBack(reason: String)
    /// Taking it out of review again, to go on editing.
    case withdraw
}

/// Who takes a step, as the workflow tells them apart.
public enum ReviewActor: Sendable, CaseIterable {
    /// A contributor of the organisation that sends the slide.
    case ownContributor
    /// A contributor of another organisation (or of none), or of a publisher's own slide.
    case otherContributor
    /// A publisher of the channel.
    case publisher
    /// An admin: a publisher of every channel.
    case admin

    /// True for those who approve and send back.
    public var reviews: Bool { self == .publisher || self == .admin }
}

/// Why the workflow refused a step; `code` for callers and tests to switch on.
public struct ContributionRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// A contributor acted on another organisation's slide (or a publisher's own).
        case notTheirOrganisation
        /// Only a publisher of the channel or an admin approves and sends back.
        case reviewersOnly
        /// Submitting and withdrawing are a contributor's steps; a publisher's save approves.
        case contributorsOnly
        /// The step does not apply in the slide's state (approving a draft, submitting twice).
        case wrongState(ReviewState)
        /// Sending back without a reason.
        case reasonMissing
        /// A reason longer than `ContributionWorkflow.maxReasonCharacters`.
        case reasonTooLong
    }

    public var code: Code

    public init(_ code: Code) {
        self.code = code
    }

    public var description: String {
        switch code {
        case .notTheirOrganisation: "only a contributor of the organisation that sends this slide may change it"
        case .reviewersOnly: "only a publisher of the channel may approve or send back a contribution"
        case .contributorsOnly: "only the contributor sends a slide for review or takes it back"
        case .wrongState(let state): "not possible while the slide is \(state.rawValue)"
        case .reasonMissing: "reason: give the reason for sending the slide back"
        case .reasonTooLong:
            "reason: the reason may have at most \(ContributionWorkflow.maxReasonCharacters) characters"
        }
    }
}

/// The review of contributions as a pure state machine: no database, so that every
/// combination of state, step and actor is tested on its own (`transition`).
///
/// A publisher's save approves at once (as before contributions existed); a contributor's
/// save is a draft that reaches the screens only once sent and approved, and editing an
/// approved contribution sends it back to draft while the approved revision stays live.
public enum ContributionWorkflow {
    /// A reason is read on a form, not a letter.
    public static let maxReasonCharacters = 1000

    /// The state after `action` by `actor` on a slide in `state`, or why it is refused.
    public static func transition(from state: ReviewState, action: ReviewAction, by actor: ReviewActor)
        -> Result<ReviewState, ContributionRefusal>
    {
        if actor == .otherContributor { return .failure(ContributionRefusal(.notTheirOrganisation)) }
        switch action {
        case .edit:
            if actor.reviews { return .success(.approved) }
            return .success(state == .returned ? .returned : .draft)
        case .submit:
            if actor.reviews { return .failure(ContributionRefusal(.contributorsOnly)) }
            return state == .draft || state == .returned ? .success(.submitted) : refused(state)
        case .withdraw:
            if actor.reviews { return .failure(ContributionRefusal(.contributorsOnly)) }
            return state == .submitted ? .success(.draft) : refused(state)
        case .approve:
            if !actor.reviews { return .failure(ContributionRefusal(.reviewersOnly)) }
            return state == .submitted ? .success(.approved) : refused(state)
        case .sendBack(let reason):
            if !actor.reviews { return .failure(ContributionRefusal(.reviewersOnly)) }
            guard state == .submitted else { return refused(state) }
            return checkedReason(reason).map { _ in .returned }
        }
    }

    /// The reason trimmed, when it is not empty and within the cap.
    public static func checkedReason(_ reason: String) -> Result<String, ContributionRefusal> {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .failure(ContributionRefusal(.reasonMissing)) }
        if trimmed.count > maxReasonCharacters { return .failure(ContributionRefusal(.reasonTooLong)) }
        return .success(trimmed)
    }

    private static func refused(_ state: ReviewState) -> Result<ReviewState, ContributionRefusal> {
        .failure(ContributionRefusal(.wrongState(state)))
    }
}
