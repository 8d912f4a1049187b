import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// A channel's page: its slides with who made and who approved each (it must be clear who
/// answers for what is on the screen), the way to a new slide, and for publishers to publishing.
enum ChannelPage {
    static func show(_ context: inout WebContext) throws -> HTTPResponse {
        guard let visible = context.channel else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        let name = visible.channel.name
        let slides = try context.studio.slides(of: visible.channel)
        let title = context.t("Kanal: ", "Channel: ") + name
        return try WebPage.render(context, title: title) {
            HTML.element(.h1) { title }
            HTML.element(.p) {
                context.t("Din roll här: ", "Your role here: ") + WebPage.roleName(visible.role, context)
            }
            if visible.role == .publisher {
                try HTML.element(.p) {
                    HTML.element(.a, [.class("button"), try .href("/channels/\(name)/publish")]) {
                        context.t("Publicera…", "Publish…")
                    }
                    " "
                    HTML.element(.a, [.class("button secondary"), try .href("/channels/\(name)/contributions")]) {
                        context.t("Regler för bidrag", "Rules for contributions")
                    }
                }
            }
            try newSlideForm(name, templates: try templates(visible, context), context)
            let inPlay = slides.filter { !$0.archived }
            let archived = slides.filter(\.archived)
            HTML.element(.h2) { context.t("Bilder", "Slides") }
            if inPlay.isEmpty {
                HTML.element(.p) { context.t("Kanalen har inga bilder än.", "The channel has no slides yet.") }
            } else {
                try table(
                    inPlay, channel: visible, caption: context.t("Bilderna i spelordning", "Slides in playing order"),
                    context)
            }
            if !archived.isEmpty {
                HTML.element(.h2) { context.t("Arkiverade bilder", "Archived slides") }
                try table(
                    archived, channel: visible, caption: context.t("Bilder som inte visas", "Slides not shown"), context
                )
            }
        }
    }

    /// The templates the user may start from: for a contributor, those the channel's limits
    /// allow contributions to use.
    static func templates(_ visible: VisibleChannel, _ context: WebContext) throws -> [String] {
        guard visible.role == .contributor, let allowed = try context.studio.limits(of: visible.channel).templates
        else { return SlideTemplates.names }
        return SlideTemplates.names.filter { allowed.contains($0) }
    }

    /// A GET form: the template to start from.
    static func newSlideForm(_ channel: String, templates: [String], _ context: WebContext) throws -> HTML {
        guard !templates.isEmpty else {
            return HTML.element(.p) {
                context.t(
                    "Kanalen tar inte emot bidrag just nu: ingen mall är tillåten.",
                    "The channel takes no contributions just now: no template is allowed.")
            }
        }
        return try HTML.getForm(
            action: "/channels/\(channel)/slides/new", [try .aria("labelledby", "new-slide-heading")]
        ) {
            HTML.element(.h2, [.id("new-slide-heading")]) { context.t("Ny bild", "New slide") }
            HTML.element(.div, [.class("field")]) {
                HTML.element(.label, [.for("template")]) { context.t("Mall", "Template") }
                HTML.element(.select, [.id("template"), .name("template")]) {
                    for template in templates {
                        HTML.element(.option, [.value(template)]) { SlideTemplates.title(template, context) }
                    }
                }
            }
            HTML.button(context.t("Gör en ny bild", "Make a new slide"))
        }
    }

    static func table(_ slides: [SlideSummary], channel visible: VisibleChannel, caption: String, _ context: WebContext)
        throws -> HTML
    {
        let channel = visible.channel.name
        let reviews = try slides.map { try context.studio.review(of: $0.key, channel: visible.channel) }
        return try HTML.table(caption: caption) {
            HTML.element(.thead) {
                HTML.element(.tr) {
                    HTML.element(.th, [.scope("col")]) { context.t("Bild", "Slide") }
                    HTML.element(.th, [.scope("col")]) { context.t("Mall", "Template") }
                    HTML.element(.th, [.scope("col")]) { context.t("Status", "Status") }
                    HTML.element(.th, [.scope("col")]) { context.t("Granskning", "Review") }
                    HTML.element(.th, [.scope("col")]) { context.t("Skickas av", "Sent by") }
                    HTML.element(.th, [.scope("col")]) { context.t("Gjord av", "Made by") }
                    HTML.element(.th, [.scope("col")]) { context.t("Godkänd av", "Approved by") }
                }
            }
            try HTML.element(.tbody) {
                for (slide, review) in zip(slides, reviews) {
                    try HTML.element(.tr) {
                        try HTML.element(.th, [.scope("row")]) {
                            HTML.element(.a, [try .href("/channels/\(channel)/slides/\(slide.key)")]) { slide.title }
                        }
                        HTML.element(.td) { SlideTemplates.title(slide.template, context) }
                        HTML.element(.td) { SlideStatusHTML.status(slide, context) }
                        HTML.element(.td) {
                            review.organisation == nil
                                ? context.t("behövs inte", "not needed") : ContributionHTML.state(review.state, context)
                        }
                        HTML.element(.td) { ContributionHTML.sender(review.organisation, context) }
                        HTML.element(.td) {
                            "\(SlideStatusHTML.actor(slide.author, context)), \(SlideStatusHTML.time(slide.updatedAt))"
                        }
                        HTML.element(.td) { SlideStatusHTML.actor(slide.approvedBy, context) }
                    }
                }
            }
        }
    }
}
