import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// The audit log (admins): the newest rows, filtered by subject or actor.
enum AuditPage {
    static let routes: [WebRoute] = [WebRoute("GET", "/admin/audit", .admin, show)]

    static let limit = 200
    /// A filter longer than this is no name anyone typed.
    static let maxFilterCharacters = 128

    static func show(_ context: inout WebContext) throws -> HTTPResponse {
        let filter = String((context.field("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(maxFilterCharacters))
        let rows = try context.studio.auditRows(filter: filter, limit: limit)
        return try WebPage.render(context, title: context.t("Logg", "Audit log")) {
            HTML.element(.h1) { context.t("Logg", "Audit log") }
            try HTML.getForm(action: "/admin/audit", [try HTMLAttribute("role", "search")]) {
                try HTMLFormField(
                    id: "q", name: "q", label: context.t("Visa bara rader om eller av", "Only rows about or by"),
                    control: .input(type: "search"), value: filter,
                    hint: context.t(
                        "Ett namn på en användare, kanal eller skärm.", "A name of a user, channel or screen.")
                ).html()
                HTML.button(context.t("Filtrera", "Filter"))
            }
            AdminHTML.table(
                caption: filter.isEmpty
                    ? context.t("De senaste \(limit) händelserna", "The latest \(limit) events")
                    : context.t("Händelser om eller av ”\(filter)”", "Events about or by “\(filter)”"),
                headers: [
                    context.t("Tid", "Time"), context.t("Vem", "Who"), context.t("Vad", "What"),
                    context.t("Gäller", "Subject"), context.t("Detaljer", "Detail"),
                ],
                rows: rows.map { row in
                    [.text(row.at), .text(row.actor), .text(row.action), .text(row.subject), .text(row.detail)]
                })
        }
    }
}
