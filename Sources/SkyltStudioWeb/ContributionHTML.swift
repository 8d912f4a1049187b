import Foundation
import SkyltHTML
import SkyltStudio

/// A contribution's review on its page: where it stands in words, who sends it, the
/// publisher's reason when it came back, and the publisher's three review forms.
enum ContributionHTML {
    /// The review state in plain words (never by colour alone).
    static func state(_ state: ReviewState, _ context: WebContext) -> String {
        switch state {
        case .draft: context.t("utkast", "draft")
        case .submitted: context.t("väntar på granskning", "waiting for review")
        case .returned: context.t("skickad tillbaka", "sent back")
        case .approved: context.t("godkänd och på skärmarna", "approved and on the screens")
        }
    }

    /// The organisation's name, or the words for a publisher's own slide.
    static func sender(_ organisation: Organisation?, _ context: WebContext) -> String {
        organisation?.name ?? context.t("publicerarnas egen bild", "the publishers' own slide")
    }

    /// The review at the top of a contribution's page: its state, sender and, for a publisher,
    /// who sent it when; then the reason it was sent back, in a box of its own.
    static func summary(_ review: SlideReview, _ slide: SlideSummary?, role: ChannelRole, _ context: WebContext)
        throws -> HTML
    {
        guard let organisation = review.organisation else { return .empty }
        // The reason is written to the organisation: its members and the publishers read it,
        // other organisations' contributors in the channel do not.
        let readsReason =
            try role == .publisher
            || context.studio.organisations(ofUser: context.session?.userID ?? -1).contains { $0.id == organisation.id }
        return HTML.join([
            HTML.element(.dl, [.class("slide-status")]) {
                HTML.element(.dt) { context.t("Granskning", "Review") }
                HTML.element(.dd) { state(review.state, context) }
                HTML.element(.dt) { context.t("Skickas av", "Sent by") }
                HTML.element(.dd) { organisation.name }
                if role == .publisher, let submitted = review.submittedAt {
                    HTML.element(.dt) { context.t("Skickad för granskning", "Sent for review") }
                    HTML.element(.dd) {
                        "\(SlideStatusHTML.actor(slide?.author, context)), \(SlideStatusHTML.time(submitted))"
                    }
                }
            },
            readsReason ? reason(review, context) : .empty,
        ])
    }

    /// The publisher's reason for sending the slide back, while it is returned.
    static func reason(_ review: SlideReview, _ context: WebContext) -> HTML {
        guard review.state == .returned, let note = review.note else { return .empty }
        return HTML.element(.div, [.class("warning"), .id("review-reason")]) {
            HTML.element(.h2) { context.t("Skickad tillbaka av en publicerare", "Sent back by a publisher") }
            HTML.element(.p) { context.t("Skäl: ", "Reason: ") + note }
            HTML.element(.p) {
                context.t(
                    "Ändra bilden och tryck Skicka för granskning igen.",
                    "Change the slide and press Send for review again.")
            }
        }
    }

    /// Who sends a contributor's new slide: their one organisation in words, a choice when
    /// they belong to several, and an error when they belong to none.
    static func organisationControl(_ form: SlideFormHTML, _ organisations: [Organisation], chosen: String?)
        throws -> HTML
    {
        let context = form.context
        let label = context.t("Skickas av", "Sent by")
        if organisations.count == 1, let only = organisations.first, form.errors[organisationField] == nil {
            return HTML.element(.p) { "\(label): \(only.name)" }
        }
        if organisations.isEmpty {
            return HTML.element(.p, [.class("warning"), .id(organisationField)]) {
                context.t(
                    "Du hör inte till någon organisation, så du kan inte skicka bilder. Be en administratör lägga till dig.",
                    "You belong to no organisation, so you cannot send slides. Ask an admin to add you.")
            }
        }
        var html = form
        html.values.values[organisationField] = chosen ?? ""
        return try html.select(
            organisationField, label: label,
            options: organisations.map { (value: String($0.id), label: $0.name) },
            hint: context.t(
                "Den organisation som svarar för bilden.", "The organisation that answers for the slide."))
    }

    /// The form field naming a contributor's organisation (its id).
    static let organisationField = "organisation"

    /// The publisher's review of a submitted contribution: approve, approve and publish, or
    /// send back with a reason. Each names the revision the page shows.
    static func reviewForms(
        path: String, revision: Int, reason: String, reasonError: String?, _ context: WebContext
    ) throws -> HTML {
        let hidden = HTML.void(.input, [.type("hidden"), .name("revision"), .value(String(revision))])
        return try HTML.element(.section, [.class("review"), try .aria("labelledby", "review-heading")]) {
            HTML.element(.h2, [.id("review-heading")]) { context.t("Granska bidraget", "Review the contribution") }
            // On a phone the previews come after the whole form: the way to them is one link.
            try HTML.element(.p) {
                HTML.element(.a, [try .href("#previews-heading")]) {
                    context.t("Titta på förhandsvisningen", "Look at the preview")
                }
            }
            try HTML.element(.div, [.class("actions")]) {
                try HTML.postForm(action: path + "/approve", csrfToken: context.csrfToken) {
                    hidden
                    HTML.button(context.t("Godkänn", "Approve"))
                }
                try HTML.postForm(action: path + "/approve-publish", csrfToken: context.csrfToken) {
                    hidden
                    HTML.button(context.t("Godkänn och publicera", "Approve and publish"))
                }
            }
            try HTML.postForm(action: path + "/return", csrfToken: context.csrfToken) {
                hidden
                try HTMLFormField(
                    id: "reason", name: "reason", label: context.t("Skäl att skicka tillbaka", "Reason to send back"),
                    control: .textarea, value: reason,
                    hint: context.t(
                        "Skriv vad som behöver ändras. Bidragsgivaren ser det. Högst 1 000 tecken.",
                        "Write what needs to change. The contributor sees it. At most 1,000 characters."),
                    error: reasonError, required: true,
                    extraAttributes: [try HTMLAttribute("maxlength", String(ContributionWorkflow.maxReasonCharacters))]
                ).html()
                HTML.element(.button, [.type("submit"), .class("secondary")]) {
                    context.t("Skicka tillbaka", "Send back")
                }
            }
        }
    }
}
