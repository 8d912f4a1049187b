import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// A channel's rules for contributions, set by its publishers: how many slides one
/// organisation may have live, how long a contribution may run, which templates it may use,
/// and which organisations are trusted (their contributions approved on arrival, still logged).
enum ContributionSettingsPage {
    static let routes: [WebRoute] = [
        WebRoute("GET", "/channels/{channel}/contributions", .channel(.publisher), show),
        WebRoute("POST", "/channels/{channel}/contributions", .channel(.publisher), save),
    ]

    static func show(_ context: inout WebContext) throws -> HTTPResponse {
        guard let channel = context.channel?.channel else { return notFound(context) }
        let form = ContributionSettingsForm(
            limits: try context.studio.limits(of: channel),
            trusted: try context.studio.trustedOrganisations(of: channel))
        return try page(context, channel, form: form, saved: context.field("done") == "saved", status: 200)
    }

    static func save(_ context: inout WebContext) throws -> HTTPResponse {
        guard let channel = context.channel?.channel else { return notFound(context) }
        var form = ContributionSettingsForm(form: context.form)
        guard let limits = form.limits(context) else {
            return try page(context, channel, form: form, saved: false, status: 400)
        }
        let studio = context.studio
        if try studio.limits(of: channel) != limits { try studio.setLimits(limits, channel: channel) }
        let trustedNow = Set(try studio.trustedOrganisations(of: channel).map(\.id))
        for organisation in try studio.organisations() {
            let trusted = form.trusted.contains(organisation.id)
            if trusted != trustedNow.contains(organisation.id) {
                try studio.setTrusted(organisation.id, channel: channel, trusted: trusted, by: context.session?.userID)
            }
        }
        return .redirect(to: "/channels/\(channel.name)/contributions?done=saved")
    }

    static func page(
        _ context: WebContext, _ channel: ChannelRecord, form: ContributionSettingsForm, saved: Bool, status: Int
    ) throws -> HTTPResponse {
        let organisations = try context.studio.organisations()
        let title = context.t("Bidrag till kanalen ", "Contributions to the channel ") + channel.name
        return try WebPage.render(context, title: title, status: status) {
            HTML.element(.h1) { title }
            if saved { try AdminHTML.notice(context.t("Inställningarna är sparade.", "The settings are saved.")) }
            if !form.errors.isEmpty {
                HTML.element(.p, [.class("error-summary")]) {
                    context.t(
                        "Inget är sparat. Rätta det som står i rött och spara igen.",
                        "Nothing is saved. Correct what is marked in red and save again.")
                }
            }
            try HTML.element(.p) {
                try AdminHTML.link(
                    "/channels/\(channel.name)", context.t("Tillbaka till kanalen", "Back to the channel"))
            }
            try HTML.postForm(action: "/channels/\(channel.name)/contributions", csrfToken: context.csrfToken) {
                HTML.element(.h2) { context.t("Gränser för bidrag", "Limits for contributions") }
                try limitFields(form, context)
                try templateFieldset(form, context)
                HTML.element(.h2) { context.t("Betrodda organisationer", "Trusted organisations") }
                try trustFieldset(form, organisations: organisations, context)
                HTML.button(context.t("Spara", "Save"))
            }
        }
    }

    static func limitFields(_ form: ContributionSettingsForm, _ context: WebContext) throws -> HTML {
        let live = ContributionSettingsForm.maxLiveField
        let days = ContributionSettingsForm.maxDaysField
        return try HTML.join([
            HTMLFormField(
                id: live, name: live,
                label: context.t(
                    "Högst antal bilder som visas samtidigt per organisation",
                    "Most slides shown at once per organisation"),
                control: .input(type: "number"), value: form.maxLive,
                hint: context.t("Tomt: ingen gräns.", "Empty: no limit."), error: form.errors[live],
                extraAttributes: try numberAttributes(min: 0, max: ContributionSettingsForm.maxLiveBound)
            ).html(),
            HTMLFormField(
                id: days, name: days, label: context.t("Längsta visningstid i dagar", "Longest run in days"),
                control: .input(type: "number"), value: form.maxDays,
                hint: context.t(
                    "Tomt: ingen gräns. Med en gräns måste varje bidrag ha ett slutdatum.",
                    "Empty: no limit. With a limit, every contribution must have an end date."),
                error: form.errors[days],
                extraAttributes: try numberAttributes(min: 1, max: ContributionSettingsForm.maxDaysBound)
            ).html(),
        ])
    }

    static func numberAttributes(min: Int, max: Int) throws -> [HTMLAttribute] {
        [
            try HTMLAttribute("min", String(min)), try HTMLAttribute("max", String(max)),
            try HTMLAttribute("step", "1"), try HTMLAttribute("inputmode", "numeric"),
        ]
    }

    static func templateFieldset(_ form: ContributionSettingsForm, _ context: WebContext) throws -> HTML {
        let name = ContributionSettingsForm.templatesField
        let error = form.errors[name]
        let hint = context.t(
            "Brådskande meddelanden är aldrig tillåtna i bidrag. Bara kanalens publicerare kan göra dem.",
            "Urgent notices are never allowed in contributions. Only the channel's publishers can make them.")
        let described = [name + "-hint"] + (error == nil ? [] : [name + "-error"])
        return try HTML.element(.fieldset, [.id(name), try .aria("describedby", described.joined(separator: " "))]) {
            HTML.element(.legend) { context.t("Mallar som bidrag får använda", "Templates contributions may use") }
            HTML.element(.p, [.id(name + "-hint"), .class("hint")]) { hint }
            if let error { HTML.element(.p, [.id(name + "-error"), .class("error")]) { error } }
            for template in SlideTemplates.names {
                try checkbox(
                    name: name, value: template, id: "template-\(template)",
                    label: SlideTemplates.title(template, context), checked: form.templates.contains(template))
            }
        }
    }

    static func trustFieldset(_ form: ContributionSettingsForm, organisations: [Organisation], _ context: WebContext)
        throws -> HTML
    {
        let name = ContributionSettingsForm.trustedField
        return try HTML.element(.fieldset, [.id(name), try .aria("describedby", name + "-hint")]) {
            HTML.element(.legend) { context.t("Organisationer", "Organisations") }
            HTML.element(.p, [.id(name + "-hint"), .class("hint")]) {
                context.t(
                    "En betrodd organisations bidrag godkänns direkt, utan din granskning. "
                        + "De loggas ändå med vem som skickade dem.",
                    "A trusted organisation's contributions are approved on arrival, without your review. "
                        + "They are still logged with who sent them.")
            }
            if organisations.isEmpty {
                HTML.element(.p) {
                    context.t(
                        "Det finns inga organisationer än. En administratör lägger till dem.",
                        "There are no organisations yet. An admin adds them.")
                }
            }
            for organisation in organisations {
                try checkbox(
                    name: name, value: String(organisation.id), id: "trusted-\(organisation.id)",
                    label: context.t(
                        "\(organisation.name) – betrodd: godkänns direkt",
                        "\(organisation.name) – trusted: approved on arrival"),
                    checked: form.trusted.contains(organisation.id))
            }
        }
    }

    /// A checkbox with its label after it.
    static func checkbox(name: String, value: String, id: String, label: String, checked: Bool) throws -> HTML {
        var attributes: [HTMLAttribute] = [.type("checkbox"), .id(id), .name(name), .value(value)]
        if checked { attributes.append(try HTMLAttribute("checked", nil)) }
        return HTML.element(.div, [.class("field checkbox")]) {
            HTML.void(.input, attributes)
            HTML.element(.label, [.for(id)]) { label }
        }
    }

    static func notFound(_ context: WebContext) -> HTTPResponse {
        WebPage.plain(context.language, status: 404, WebPage.notFound)
    }
}
