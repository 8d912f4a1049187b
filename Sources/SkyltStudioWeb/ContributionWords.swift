import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// The review's refusals in plain words, each where it belongs: a limit at the field it
/// names, a missing organisation at the sender's field, a step that does not apply as one
/// sentence on the page.
enum ContributionWords {
    /// A channel's limit as an error at the field it concerns ("" for the organisation's
    /// count of live slides, which no field of the slide holds).
    static func limitProblem(_ refusal: LimitRefusal, _ context: WebContext) -> FieldProblem {
        FieldProblem(field: refusal.field ?? "", message: limitText(refusal, context), isWarning: false)
    }

    static func limitText(_ refusal: LimitRefusal, _ context: WebContext) -> String {
        switch refusal {
        case .tooManyLive(let max):
            context.t(
                "Er organisation har redan \(max) bilder på skärmarna i den här kanalen, så många som den får ha. Vänta tills en av dem slutar visas.",
                "Your organisation already has \(max) slides on the screens of this channel, as many as it may have. Wait until one of them ends."
            )
        case .endDateMissing(let days):
            context.t(
                "Fyll i när bilden ska sluta visas. Ett bidrag får visas i högst \(days) dagar.",
                "Fill in when the slide stops showing. A contribution may show for at most \(days) days.")
        case .runTooLong(let days, let maxDays):
            context.t(
                "Bilden visas i \(days) dagar. Ett bidrag får visas i högst \(maxDays) dagar. Välj ett tidigare slut.",
                "The slide shows for \(days) days. A contribution may show for at most \(maxDays) days. Choose an earlier end."
            )
        case .templateNotAllowed(_, let allowed):
            context.t(
                "Den här mallen får inte användas för bidrag i kanalen. Tillåtna mallar: ",
                "This template may not be used for contributions in this channel. Allowed templates: ")
                + (allowed.isEmpty
                    ? context.t("inga", "none")
                    : allowed.map { SlideTemplates.title($0, context) }.joined(separator: ", "))
        case .urgentPriority:
            context.t(
                "Bara en publicerare kan göra en bild brådskande. Välj Vanlig.",
                "Only a publisher can make a slide urgent. Choose Normal.")
        }
    }

    /// A contributor's save refused for want of an organisation, at the sender's field; nil
    /// for any other error.
    static func organisationProblem(_ error: StudioError, _ context: WebContext) -> FieldProblem? {
        let message: String
        switch error.code {
        case .noOrganisation:
            message = context.t(
                "Du hör inte till någon organisation, så du kan inte skicka bilder. Be en administratör lägga till dig.",
                "You belong to no organisation, so you cannot send slides. Ask an admin to add you.")
        case .organisationRequired, .notInOrganisation:
            message = context.t(
                "Välj vilken av dina organisationer som skickar bilden.",
                "Choose which of your organisations sends the slide.")
        case .contributionRefused(let refusal) where refusal.code == .notTheirOrganisation:
            return FieldProblem(
                field: "",
                message: context.t(
                    "Bara den organisation som skickar bilden kan ändra den. Gör en ny bild i stället.",
                    "Only the organisation that sends the slide can change it. Make a new slide instead."),
                isWarning: false)
        default: return nil
        }
        return FieldProblem(field: ContributionHTML.organisationField, message: message, isWarning: false)
    }

    /// A review step refused by the workflow or the limits, as one sentence; nil for any
    /// other error.
    static func refusal(_ error: StudioError, _ context: WebContext) -> String? {
        switch error.code {
        case .contributionLimit(let refusal):
            return context.t("Bilden godkändes inte. ", "The slide was not approved. ") + limitText(refusal, context)
        case .contributionRefused(let refusal):
            switch refusal.code {
            case .wrongState(let state):
                return context.t(
                    "Det går inte nu: bilden är \(ContributionHTML.state(state, context)), inte skickad för granskning.",
                    "Not possible now: the slide is \(ContributionHTML.state(state, context)), not sent for review.")
            case .reasonMissing:
                return context.t("Skriv varför bilden skickas tillbaka.", "Write why the slide is sent back.")
            case .reasonTooLong:
                return context.t(
                    "Skälet får vara högst 1 000 tecken långt. Korta det.",
                    "The reason may be at most 1,000 characters long. Shorten it.")
            default:
                return context.t(
                    "Din roll får inte göra det här med bilden.", "Your role may not do this with the slide.")
            }
        default: return nil
        }
    }

    /// A page that says, in one sentence, why a step was refused.
    static func refusalPage(_ words: String, status: Int, _ context: WebContext) throws -> HTTPResponse {
        let title = context.t("Det gick inte", "Not possible")
        return try WebPage.render(context, title: title, status: status) {
            HTML.element(.h1) { title }
            HTML.element(.p) { words }
        }
    }
}
