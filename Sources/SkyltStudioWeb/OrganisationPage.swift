import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// One organisation, for admins: its name, its members (each removed with a button of their
/// own) and a choice of the users who are not members yet. The logic writes the audit rows.
enum OrganisationPage {
    static let routes: [WebRoute] = [
        WebRoute("GET", "/admin/organisations/{id}", .admin, show),
        WebRoute("POST", "/admin/organisations/{id}/name", .admin, rename),
        WebRoute("POST", "/admin/organisations/{id}/members", .admin, addMember),
        WebRoute("POST", "/admin/organisations/{id}/members/remove", .admin, removeMember),
    ]

    /// What a refused form keeps: the typed name, and the error of each field by its name.
    struct Form {
        var name: String?
        var errors: [String: String] = [:]
    }

    static func show(_ context: inout WebContext) throws -> HTTPResponse {
        guard let organisation = try organisation(context) else { return notFound(context) }
        return try page(context, organisation, form: Form(), status: 200)
    }

    static func page(_ context: WebContext, _ organisation: Organisation, form: Form, status: Int) throws
        -> HTTPResponse
    {
        let members = try context.studio.organisationMembers(organisation.id)
        let memberIDs = Set(members.map(\.userID))
        let candidates = try context.studio.users().filter { !memberIDs.contains($0.id) && !$0.disabled }
        let title = context.t("Organisation: ", "Organisation: ") + organisation.name
        let path = "/admin/organisations/\(organisation.id)"
        return try WebPage.render(context, title: title, status: status) {
            HTML.element(.h1) { title }
            if let notice = doneNotice(context) { try AdminHTML.notice(notice) }
            try HTML.element(.p) {
                try AdminHTML.link("/admin/organisations", context.t("Alla organisationer", "All organisations"))
            }
            HTML.element(.h2) { context.t("Byt namn", "Rename") }
            try HTML.postForm(action: path + "/name", csrfToken: context.csrfToken) {
                try OrganisationPages.nameField(form.name ?? organisation.name, error: form.errors["name"], context)
                HTML.button(context.t("Spara namnet", "Save the name"))
            }
            HTML.element(.h2) { context.t("Medlemmar", "Members") }
            if members.isEmpty {
                HTML.element(.p) {
                    context.t("Organisationen har inga medlemmar än.", "The organisation has no members yet.")
                }
            } else {
                try memberTable(members, organisation, context)
            }
            HTML.element(.h2) { context.t("Lägg till en medlem", "Add a member") }
            if candidates.isEmpty {
                HTML.element(.p) {
                    context.t("Alla aktiva användare är redan medlemmar.", "Every active user is a member already.")
                }
            } else {
                try HTML.postForm(action: path + "/members", csrfToken: context.csrfToken) {
                    try AdminHTML.select(
                        id: "user", name: "user", label: context.t("Användare", "User"),
                        options: candidates.map { (String($0.id), $0.name) }, selected: "",
                        error: form.errors["user"])
                    HTML.button(context.t("Lägg till", "Add"))
                }
            }
        }
    }

    static func memberTable(_ members: [OrganisationMember], _ organisation: Organisation, _ context: WebContext)
        throws -> HTML
    {
        let rows = try members.map { member -> [HTML] in
            let remove = try HTML.postForm(
                action: "/admin/organisations/\(organisation.id)/members/remove", csrfToken: context.csrfToken,
                [.class("inline")]
            ) {
                HTML.void(.input, [.type("hidden"), .name("user"), .value(String(member.userID))])
                HTML.element(.button, [.type("submit"), .class("secondary")]) {
                    context.t("Ta bort \(member.name)", "Remove \(member.name)")
                }
            }
            return [.text(member.name), remove]
        }
        return AdminHTML.table(
            caption: context.t("Medlemmar i \(organisation.name)", "Members of \(organisation.name)"),
            headers: [context.t("Namn", "Name"), context.t("Ändra", "Change")], rows: rows)
    }

    static func doneNotice(_ context: WebContext) -> String? {
        switch context.field("done") {
        case "created": context.t("Organisationen är skapad.", "The organisation is made.")
        case "renamed": context.t("Namnet är sparat.", "The name is saved.")
        case "added": context.t("Medlemmen är tillagd.", "The member is added.")
        case "removed": context.t("Medlemmen är borttagen.", "The member is removed.")
        default: nil
        }
    }

    static func rename(_ context: inout WebContext) throws -> HTTPResponse {
        guard let organisation = try organisation(context) else { return notFound(context) }
        let name = context.field("name") ?? ""
        do throws(StudioError) {
            try context.studio.renameOrganisation(organisation.id, to: name)
            return .redirect(to: "/admin/organisations/\(organisation.id)?done=renamed")
        } catch {
            guard let message = OrganisationPages.nameError(error, name: name, context) else { throw error }
            return try page(context, organisation, form: Form(name: name, errors: ["name": message]), status: 400)
        }
    }

    static func addMember(_ context: inout WebContext) throws -> HTTPResponse {
        guard let organisation = try organisation(context) else { return notFound(context) }
        guard let user = try chosenUser(context) else {
            let error = context.t("Välj en användare i listan.", "Choose a user from the list.")
            return try page(context, organisation, form: Form(errors: ["user": error]), status: 400)
        }
        try context.studio.addOrganisationMember(organisation.id, userID: user.id)
        return .redirect(to: "/admin/organisations/\(organisation.id)?done=added")
    }

    static func removeMember(_ context: inout WebContext) throws -> HTTPResponse {
        guard let organisation = try organisation(context) else { return notFound(context) }
        guard let user = try chosenUser(context) else {
            return WebPage.plain(context.language, status: 400, noMember)
        }
        try context.studio.removeOrganisationMember(organisation.id, userID: user.id)
        return .redirect(to: "/admin/organisations/\(organisation.id)?done=removed")
    }

    /// Only a form not made by the page lacks the member to remove.
    static let noMember = WebMessage(
        title: ("Ingen medlem vald", "No member chosen"),
        text: ("Gå tillbaka och välj en medlem att ta bort.", "Go back and choose a member to remove."))

    /// The user of the form's `user` field, when one exists.
    static func chosenUser(_ context: WebContext) throws -> UserSummary? {
        guard let id = Int64(context.field("user") ?? "") else { return nil }
        return try context.studio.users().first { $0.id == id }
    }

    /// The organisation of the path's `{id}`, nil when there is none.
    static func organisation(_ context: WebContext) throws -> Organisation? {
        guard let id = Int64(context.parameter("id")) else { return nil }
        do throws(StudioError) {
            return try context.studio.organisation(id)
        } catch {
            if error.code == .unknownOrganisation { return nil }
            throw error
        }
    }

    static func notFound(_ context: WebContext) -> HTTPResponse {
        WebPage.plain(context.language, status: 404, WebPage.notFound)
    }
}
