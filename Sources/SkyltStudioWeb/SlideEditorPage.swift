import Foundation
import SkyltCore
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// The slide form beside its previews: what an editor fills in, and what the screens would
/// show. Every problem stands at its field, and in a summary at the top that links to it.
struct SlideEditorPage {
    var context: WebContext
    var channel: VisibleChannel
    /// nil for a new slide.
    var key: String?
    var values: SlideFormValues
    var problems: [FieldProblem]
    var images: [PreviewImage]
    var summary: SlideSummary?
    var message: String?
    /// The stored slide's newest revision, the one the page shows; nil for a new slide.
    var revision: Int?
    /// True when `message` is a refusal (shown as a warning, not a notice).
    var messageIsWarning = false
    /// The reason a publisher typed in the send-back form, and its error, when refused.
    var reviewReason = ""
    var reviewError: String?

    var channelPath: String { "/channels/\(channel.channel.name)" }
    var action: String { key.map { "\(channelPath)/slides/\($0)" } ?? "\(channelPath)/slides" }

    func render(status: Int) throws -> HTTPResponse {
        let review = try key.map { try context.studio.review(of: $0, channel: channel.channel) }
        var organisations: [Organisation] = []
        if key == nil, channel.role == .contributor, let session = context.session {
            organisations = try context.studio.organisations(ofUser: session.userID)
        }
        let placed = SlideProblems(problems, fields: fieldNames, defaultLanguage: values.languages.first ?? "sv")
        let templateName = SlideTemplates.title(values.template, context)
        let title =
            key == nil
            ? context.t("Ny bild: ", "New slide: ") + templateName
            : context.t("Redigera bild: ", "Edit slide: ") + (summary?.title ?? key ?? "")
        return try WebPage.render(context, title: title, status: status) {
            HTML.element(.h1) { title }
            if let message {
                HTML.element(
                    .p, [.class(messageIsWarning ? "warning" : "notice"), try HTMLAttribute("role", "status")]
                ) { message }
            }
            if let summary { try SlideStatusHTML.details(summary, context) }
            if let review { try ContributionHTML.summary(review, summary, role: channel.role, context) }
            // The review comes before the long form: it is what a publisher came to the page for.
            if channel.role == .publisher, let review, review.organisation != nil, review.state == .submitted,
                let revision
            {
                try ContributionHTML.reviewForms(
                    path: action, revision: revision, reason: reviewReason, reasonError: reviewError, context)
            }
            try placed.summaryHTML(context, labels: fieldLabels)
            try HTML.element(.div, [.class("editor")]) {
                try form(placed, organisations: organisations)
                try previews()
            }
            if let key, let summary, let revision {
                try SlideStatusHTML.actions(
                    key: key, summary, revision: revision, channel: channel,
                    approvable: review?.organisation == nil, context)
            }
        }
    }

    /// Every control's name, so that problems find their field.
    var fieldNames: Set<String> {
        var names: Set<String> = [
            "priority", "duration", "schedule.validFrom", "schedule.validUntil",
            "schedule.weekdays", "schedule.times", SlideFormValues.languagesField, "template",
        ]
        if key == nil, channel.role == .contributor { names.insert(ContributionHTML.organisationField) }
        for spec in SlideTemplates.fields(values.template) {
            if spec.isText {
                for language in values.languages { names.insert("\(spec.key).\(language)") }
            } else {
                names.insert(spec.key)
            }
            if spec.kind == .readings {
                for index in 0..<values.readingCount {
                    for key in SlideReadingsHTML.keys { names.insert(SlideReadingsHTML.name(index, key)) }
                }
            }
        }
        return names
    }

    var languagesLabel: String { context.t("Språk på bilden", "Languages of the slide") }

    /// Each control's label by name; a text field's with its language ("Rubrik, arabiska").
    var fieldLabels: [String: String] {
        var labels = SlideScheduleHTML.labels(context)
        labels["template"] = context.t("Mall", "Template")
        labels[ContributionHTML.organisationField] = context.t("Skickas av", "Sent by")
        labels[SlideFormValues.languagesField] = languagesLabel
        let wording = PreviewWording(language: context.language)
        for spec in SlideTemplates.fields(values.template) {
            let label = context.t(spec.label.sv, spec.label.en)
            if spec.kind == .readings { labels.merge(readingLabels(SlideFormHTML.readingLabel(context))) { $1 } }
            guard spec.isText else {
                labels[spec.key] = label
                continue
            }
            for language in values.languages {
                labels["\(spec.key).\(language)"] = "\(label), \(wording.languageName(language))"
            }
        }
        return labels
    }

    /// "Uppläsning 2, ljud": each reading's fields by the number its legend shows.
    private func readingLabels(_ label: String) -> [String: String] {
        let names = [
            "language": context.t("språkkod", "language code"), "url": context.t("länk", "link"),
            "audio": context.t("ljud", "audio"), "text": context.t("text", "text"),
            "label": context.t("text under koden", "text below the code"),
        ]
        var labels: [String: String] = [:]
        for index in 0..<values.readingCount {
            for (key, name) in names { labels[SlideReadingsHTML.name(index, key)] = "\(label) \(index + 1), \(name)" }
        }
        return labels
    }

    private func form(_ placed: SlideProblems, organisations: [Organisation]) throws -> HTML {
        let html = SlideFormHTML(values: values, errors: placed.errors, warnings: placed.warnings, context: context)
        let specs = SlideTemplates.fields(values.template)
        let enctype = try HTMLAttribute("enctype", "multipart/form-data")
        return try HTML.postForm(action: action, csrfToken: context.csrfToken, [enctype]) {
            try templateControl(html)
            if key == nil, channel.role == .contributor {
                try ContributionHTML.organisationControl(
                    html, organisations, chosen: context.field(ContributionHTML.organisationField))
            }
            for language in values.languages where specs.contains(where: \.isText) {
                try HTML.element(.fieldset) {
                    try legend(language)
                    for spec in specs where spec.isText {
                        try html.field(
                            "\(spec.key).\(language)", label: context.t(spec.label.sv, spec.label.en),
                            long: spec.kind == .text(long: true),
                            required: spec.required && language == values.languages.first, language: language)
                    }
                }
            }
            try html.field(
                SlideFormValues.languagesField, label: languagesLabel,
                hint: context.t(
                    "Språkkoder med komma emellan, till exempel sv, en, ar. Tryck Förhandsvisa för att få fält för ett nytt språk.",
                    "Language codes with commas between, for example sv, en, ar. Press Preview to get fields for a new language."
                ))
            if specs.contains(where: { !$0.isText }) {
                try HTML.element(.fieldset) {
                    HTML.element(.legend) { context.t("Innehåll", "Content") }
                    for spec in specs where !spec.isText { try html.control(spec) }
                }
            }
            try SlideScheduleHTML.fields(html, role: channel.role)
            try HTML.element(.div, [.class("actions")]) {
                HTML.element(.button, [.type("submit"), .name("action"), .value("preview"), .class("secondary")]) {
                    context.t("Förhandsvisa", "Preview")
                }
                try saveButtons()
            }
        }
    }

    /// The template travels hidden; a refused template (a channel's limits) is shown as a
    /// labelled control, so that its error stands at a field.
    private func templateControl(_ html: SlideFormHTML) throws -> HTML {
        guard html.errors["template"] != nil else {
            return HTML.void(.input, [.type("hidden"), .name("template"), .value(values.template)])
        }
        return try html.select(
            "template", label: context.t("Mall", "Template"),
            options: [(value: values.template, label: SlideTemplates.title(values.template, context))])
    }

    /// A publisher saves (and so approves); a contributor saves a draft or sends it for review.
    private func saveButtons() throws -> HTML {
        guard channel.role == .contributor else {
            return HTML.element(.button, [.type("submit"), .name("action"), .value("save")]) {
                context.t("Spara", "Save")
            }
        }
        return HTML.join([
            HTML.element(.button, [.type("submit"), .name("action"), .value("save"), .class("secondary")]) {
                context.t("Spara utkast", "Save draft")
            },
            HTML.element(.button, [.type("submit"), .name("action"), .value("submit")]) {
                context.t("Skicka för granskning", "Send for review")
            },
        ])
    }

    /// A language's fieldset legend, in the page's language (its name there, and its code), with
    /// the language's own name marked as that language: "arabiska – العربية (ar)".
    private func legend(_ language: String) throws -> HTML {
        let named = Locale(identifier: context.language.rawValue).localizedString(forLanguageCode: language)
            .flatMap { $0 == language ? nil : $0 }
        let own = LanguageCode.nativeName(language).flatMap { $0 == named ? nil : $0 }
        return try HTML.element(.legend) {
            if let named { named }
            if let own {
                if named != nil { " – " }
                HTML.element(.span, try HTMLAttribute.language(language)) { own }
            }
            " (\(language))"
        }
    }

    private func previews() throws -> HTML {
        try HTML.element(.section, [try .aria("labelledby", "previews-heading")]) {
            HTML.element(.h2, [.id("previews-heading")]) { context.t("Förhandsvisning", "Preview") }
            if images.isEmpty {
                HTML.element(.p) {
                    context.t(
                        "Ingen förhandsvisning ännu. Fyll i fälten och tryck Förhandsvisa.",
                        "No preview yet. Fill in the fields and press Preview.")
                }
            } else {
                try HTML.element(.div, [.class("previews")]) {
                    for image in images {
                        try HTML.element(.figure) {
                            HTML.void(
                                .img,
                                [
                                    try .src(image.url), .alt(image.caption),
                                    try HTMLAttribute("width", String(image.width)),
                                    try HTMLAttribute("height", String(image.height)),
                                ])
                            HTML.element(.figcaption) { image.caption }
                        }
                    }
                }
            }
        }
    }
}
