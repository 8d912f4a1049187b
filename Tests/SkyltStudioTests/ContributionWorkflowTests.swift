import SkyltStudio
import Testing

@Suite("contributions: the review workflow as a state machine")
struct ContributionWorkflowTests {
    /// What a step leads to, written out by hand for each state in the order draft,
    /// submitted, returned, approved: a state's name, or the refusal ("org": not their
    /// organisation, "reviewers": reviewers only, "contributors": contributors only,
    /// "state": not in this state).
    static let expected: [String: [ReviewActor: [String]]] = [
        "edit": [
            .ownContributor: ["draft", "draft", "returned", "draft"],
            .otherContributor: ["org", "org", "org", "org"],
            .publisher: ["approved", "approved", "approved", "approved"],
            .admin: ["approved", "approved", "approved", "approved"],
        ],
        "submit": [
            .ownContributor: ["submitted", "state", "submitted", "state"],
            .otherContributor: ["org", "org", "org", "org"],
            .publisher: ["contributors", "contributors", "contributors", "contributors"],
            .admin: ["contributors", "contributors", "contributors", "contributors"],
        ],
        "approve": [
            .ownContributor: ["reviewers", "reviewers", "reviewers", "reviewers"],
            .otherContributor: ["org", "org", "org", "org"],
            .publisher: ["state", "approved", "state", "state"],
            .admin: ["state", "approved", "state", "state"],
        ],
        "sendBack": [
            .ownContributor: ["reviewers", "reviewers", "reviewers", "reviewers"],
            .otherContributor: ["org", "org", "org", "org"],
            .publisher: ["state", "returned", "state", "state"],
            .admin: ["state", "returned", "state", "state"],
        ],
        "withdraw": [
            .ownContributor: ["state", "draft", "state", "state"],
            .otherContributor: ["org", "org", "org", "org"],
            .publisher: ["contributors", "contributors", "contributors", "contributors"],
            .admin: ["contributors", "contributors", "contributors", "contributors"],
        ],
    ]

    static let actions: [(String, ReviewAction)] = [
        ("edit", .edit), ("submit", .submit), ("approve", .approve),
        ("sendBack", .sendBack(reason: "Datumet saknas.")), ("withdraw", .withdraw),
    ]
    static let states: [ReviewState] = [.draft, .submitted, .returned, .approved]

    static func outcome(_ result: Result<ReviewState, ContributionRefusal>, from state: ReviewState) -> String {
        switch result {
        case .success(let next): return next.rawValue
        case .failure(let refusal):
            switch refusal.code {
            case .notTheirOrganisation: return "org"
            case .reviewersOnly: return "reviewers"
            case .contributorsOnly: return "contributors"
            case .wrongState(let current): return current == state ? "state" : "state of \(current)"
            case .reasonMissing: return "reason missing"
            case .reasonTooLong: return "reason too long"
            }
        }
    }

    @Test("every state, step and actor leads where the table says", arguments: ReviewActor.allCases)
    func table(actor: ReviewActor) {
        var checked = 0
        for (name, action) in Self.actions {
            let row = Self.expected[name]?[actor] ?? []
            #expect(row.count == Self.states.count, "\(name) by \(actor)")
            for (state, want) in zip(Self.states, row) {
                let got = Self.outcome(
                    ContributionWorkflow.transition(from: state, action: action, by: actor), from: state)
                #expect(got == want, "\(name) by \(actor) from \(state)")
                checked += 1
            }
        }
        #expect(checked == Self.actions.count * Self.states.count)
    }

    @Test("the table covers every state and actor")
    func complete() {
        #expect(Set(Self.states) == Set(ReviewState.allCases))
        for (name, _) in Self.actions {
            #expect(Set(Self.expected[name]?.keys.map { $0 } ?? []) == Set(ReviewActor.allCases), "\(name)")
        }
    }

    @Test("sending back needs a reason of 1 to 1,000 characters, blanks not counted")
    func reasons() {
        func sendBack(_ reason: String) -> String {
            Self.outcome(
                ContributionWorkflow.transition(from: .submitted, action: .sendBack(reason: reason), by: .publisher),
                from: .submitted)
        }
        #expect(sendBack("") == "reason missing")
        #expect(sendBack("  \n\t ") == "reason missing")
        #expect(sendBack("x") == "returned")
        #expect(sendBack(String(repeating: "å", count: 1000)) == "returned")
        #expect(sendBack(" " + String(repeating: "å", count: 1000) + "\n") == "returned")
        #expect(sendBack(String(repeating: "å", count: 1001)) == "reason too long")
        #expect((try? ContributionWorkflow.checkedReason("  Fel datum. ").get()) == "Fel datum.")
    }
}
