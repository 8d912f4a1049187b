import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// The accessibility statement the Swedish law on accessible digital public services (DOS
/// law, 2018:1937) asks of a public body's web service: how accessible it is, what is known
/// not to be, and how to report a problem.
enum AccessibilityPage {
    static let routes: [WebRoute] = [WebRoute("GET", "/accessibility", .everyone, show)]

    static func show(_ context: inout WebContext) throws -> HTTPResponse {
        let title = context.t("Tillgänglighetsredogörelse", "Accessibility statement")
        return try WebPage.render(context, title: title) {
            HTML.element(.h1) { title }
            HTML.element(.p) {
                context.t(
                    "Skylt Studio ska kunna användas av alla, också med skärmläsare, förstoring eller bara tangentbord. Den här sidan beskriver hur studion uppfyller lagen om tillgänglighet till digital offentlig service och kraven i WCAG 2.1 nivå AA.",
                    "Skylt Studio is meant to be usable by everyone, with a screen reader, magnification or the keyboard alone. This page describes how the studio meets the Swedish law on accessible digital public services and WCAG 2.1 level AA."
                )
            }
            HTML.element(.h2) { context.t("Hur tillgänglig är studion?", "How accessible is the studio?") }
            HTML.element(.ul) {
                HTML.element(.li) {
                    context.t(
                        "Alla fält har en etikett, och fel visas vid fältet de gäller.",
                        "Every field has a label, and errors are shown at the field they concern.")
                }
                HTML.element(.li) {
                    context.t(
                        "Allt går att göra med tangentbordet, och fokus syns tydligt.",
                        "Everything can be done with the keyboard, and focus is clearly visible.")
                }
                HTML.element(.li) {
                    context.t(
                        "Sidorna fungerar utan JavaScript och går att förstora till 200 procent.",
                        "The pages work without JavaScript and can be zoomed to 200 percent.")
                }
                HTML.element(.li) {
                    context.t(
                        "Varje sida prövas automatiskt med axe-core på svenska och engelska.",
                        "Every page is tested automatically with axe-core in Swedish and English.")
                }
            }
            HTML.element(.h2) { context.t("Kända brister", "Known shortcomings") }
            HTML.element(.p) {
                context.t(
                    "Förhandsvisningarna av bilder är bilder av texten på skylten. Texten finns också i formuläret bredvid, men en skärmläsare läser inte bilden i sig.",
                    "Slide previews are pictures of the text on the screen. The same text is in the form beside them, but a screen reader does not read the picture itself."
                )
            }
            HTML.element(.h2) { context.t("Rapportera brister", "Report a problem") }
            HTML.element(.p) {
                context.t(
                    "Om något i studion inte fungerar för dig, kontakta kommunens administratör för studion. Du kan också anmäla till Myndigheten för digital förvaltning (Digg), som är tillsynsmyndighet.",
                    "If something in the studio does not work for you, contact your municipality's studio admin. You may also report it to the Agency for Digital Government (Digg), which supervises the law."
                )
            }
        }
    }
}
