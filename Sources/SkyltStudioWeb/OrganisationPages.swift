import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// The admin's list of organisations (who sends contributions and answers for them): their
/// members, the channels they have slides in, and a form to make a new one. Each one's own
/// page (`OrganisationPage`) renames it and changes its members.
enum OrganisationPages {
    static let routes: [WebRoute] =
        [
            WebRoute("GET", "/admin/organisations", .admin, show),
            WebRoute("POST", "/admin/organisations", .admin, create),
        ] + OrganisationPage.routes

    static func show(_ context: inout WebContext) throws -> HTTPResponse {
        try page(context, name: "", error: nil, status: 200)
    }

    static func page(_ context: WebContext, name: String, error: String?, status: Int) throws -> HTTPResponse {
        let organisations = try context.studio.organisations()
        let channels = try context.studio.organisationChannels()
        let title = context.t("Organisationer", "Organisations")
        return try WebPage.render(context, title: title, status: status) {
            HTML.element(.h1) { title }
            HTML.element(.p) {
                context.t(
                    "En organisation är en förening, en butik eller församlingen som skickar bilder till kanalerna. "
                        + "Dess medlemmar skickar bilderna i dess namn.",
                    "An organisation is an association, a shop or the church that sends slides to the channels. "
                        + "Its members send the slides in its name.")
            }
            if organisations.isEmpty {
                HTML.element(.p) { context.t("Det finns inga organisationer än.", "There are no organisations yet.") }
            } else {
                try table(organisations, channels: channels, context)
            }
            HTML.element(.h2) { context.t("Ny organisation", "New organisation") }
            try HTML.postForm(action: "/admin/organisations", csrfToken: context.csrfToken) {
                try nameField(name, error: error, context)
                HTML.button(context.t("Skapa organisation", "Make organisation"))
            }
        }
    }

    static func table(_ organisations: [Organisation], channels: [Int64: [String]], _ context: WebContext) throws
        -> HTML
    {
        let rows = try organisations.map { organisation -> [HTML] in
            let members = try context.studio.organisationMembers(organisation.id).map(\.name)
            let heard = channels[organisation.id] ?? []
            return [
                try AdminHTML.link("/admin/organisations/\(organisation.id)", organisation.name),
                .text(members.isEmpty ? context.t("inga", "none") : members.joined(separator: ", ")),
                .text(heard.isEmpty ? context.t("inga", "none") : heard.joined(separator: ", ")),
            ]
        }
        return AdminHTML.table(
            caption: context.t("Alla organisationer", "All organisations"),
            headers: [
                context.t("Organisation", "Organisation"), context.t("Medlemmar", "Members"),
                context.t("Kanaler med deras bilder", "Channels with their slides"),
            ], rows: rows)
    }

    /// The name field, shared by the new organisation's form and the rename form.
    static func nameField(_ value: String, error: String?, _ context: WebContext) throws -> HTML {
        try HTMLFormField(
            id: "name", name: "name", label: context.t("Organisationens namn", "Organisation's name"), value: value,
            hint: context.t(
                "Visas som avsändare på bilderna. Högst \(Organisation.maxNameCharacters) tecken.",
                "Shown as the sender of the slides. At most \(Organisation.maxNameCharacters) characters."),
            error: error, required: true
        ).html()
    }

    static func create(_ context: inout WebContext) throws -> HTTPResponse {
        let name = context.field("name") ?? ""
        do throws(StudioError) {
            let organisation = try context.studio.createOrganisation(name: name)
            return .redirect(to: "/admin/organisations/\(organisation.id)?done=created")
        } catch {
            guard let message = nameError(error, name: name, context) else { throw error }
            return try page(context, name: name, error: message, status: 400)
        }
    }

    /// What is wrong with a refused name, said at the field; nil for other errors.
    static func nameError(_ error: StudioError, name: String, _ context: WebContext) -> String? {
        switch error.code {
        case .duplicateOrganisation:
            return context.t(
                "Det finns redan en organisation med det namnet. Välj ett annat.",
                "An organisation of that name exists already. Choose another.")
        case .invalidOrganisationName:
            let length = name.trimmingCharacters(in: .whitespacesAndNewlines).count
            if length == 0 { return context.t("Skriv organisationens namn.", "Type the organisation's name.") }
            if length > Organisation.maxNameCharacters {
                return context.t(
                    "Namnet är för långt: \(length) tecken. Skriv högst \(Organisation.maxNameCharacters).",
                    "The name is too long: \(length) characters. Type at most \(Organisation.maxNameCharacters).")
            }
            return context.t("Skriv namnet på en enda rad.", "Type the name on one line.")
        default:
            return nil
        }
    }
}
