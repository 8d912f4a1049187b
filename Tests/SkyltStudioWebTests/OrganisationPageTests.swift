import Foundation
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltStudioWeb
import Testing

@Suite("studio web: organisations")
struct OrganisationPageTests {
    @Test("an admin makes an organisation, adds kim, lists them, and removes kim again")
    func createAndMembers() throws {
        let harness = try WebHarness()
        let made = try harness.send("POST", "/admin/organisations", as: "ada", form: [("name", "  Kyrkan ")])
        let kyrkan = try harness.studio.organisation(named: "Kyrkan")
        #expect(made.status == 303 && made.headers["Location"] == "/admin/organisations/\(kyrkan.id)?done=created")
        let kim = try harness.studio.user(named: "kim")
        let page = try harness.send("GET", "/admin/organisations/\(kyrkan.id)?done=created", as: "ada")
        #expect(page.status == 200 && page.text.contains("Organisationen är skapad."))
        #expect(page.text.contains(#"<option value="\#(kim.id)">kim</option>"#))
        let added = try harness.send(
            "POST", "/admin/organisations/\(kyrkan.id)/members", as: "ada", form: [("user", String(kim.id))])
        #expect(added.status == 303)
        #expect(try harness.studio.organisationMembers(kyrkan.id).map(\.name) == ["kim"])
        let list = try harness.send("GET", "/admin/organisations", as: "ada")
        #expect(list.status == 200 && list.text.contains(#"<a href="/admin/organisations/\#(kyrkan.id)">Kyrkan</a>"#))
        #expect(list.text.contains("<th scope=\"col\">Medlemmar</th>") && list.text.contains("<td>kim</td>"))
        let withKim = try harness.send("GET", "/admin/organisations/\(kyrkan.id)", as: "ada")
        #expect(!withKim.text.contains(#"<option value="\#(kim.id)">"#) && withKim.text.contains("Ta bort kim"))
        let removed = try harness.send(
            "POST", "/admin/organisations/\(kyrkan.id)/members/remove", as: "ada", form: [("user", String(kim.id))])
        #expect(removed.status == 303)
        #expect(try harness.studio.organisationMembers(kyrkan.id).isEmpty)
        let rows = try harness.studio.auditRows(filter: "Kyrkan").filter { $0.actor == "ada" }.map(\.action)
        #expect(rows.contains("organisation.member.add") && rows.contains("organisation.member.remove"))
    }

    @Test("a name that is empty, too long or taken is refused at the field, as typed, and makes nothing")
    func badNames() throws {
        let harness = try WebHarness()
        let cases = [
            ("  ", "Skriv organisationens namn."), (String(repeating: "a", count: 121), "för långt: 121 tecken"),
            ("Idrottsföreningen", "Det finns redan en organisation med det namnet."),
        ]
        for (name, message) in cases {
            let page = try harness.send("POST", "/admin/organisations", as: "ada", form: [("name", name)])
            #expect(page.status == 400, "\(name)")
            #expect(page.text.contains(#"<p id="name-error" class="error">"#) && page.text.contains(message), "\(name)")
            #expect(page.text.contains(#"aria-invalid="true""#) && page.text.contains(#"value="\#(name)""#), "\(name)")
        }
        #expect(try harness.studio.organisations().map(\.name) == ["Idrottsföreningen"])
    }

    @Test("renaming keeps the organisation; a taken name is refused at the field")
    func rename() throws {
        let harness = try WebHarness()
        let club = try harness.studio.organisation(named: "Idrottsföreningen")
        try harness.studio.createOrganisation(name: "Kyrkan")
        let taken = try harness.send(
            "POST", "/admin/organisations/\(club.id)/name", as: "ada", form: [("name", "Kyrkan")])
        #expect(
            taken.status == 400 && taken.text.contains(#"id="name-error""#) && taken.text.contains(#"value="Kyrkan""#))
        let renamed = try harness.send(
            "POST", "/admin/organisations/\(club.id)/name", as: "ada", form: [("name", "IK Skylt")])
        #expect(renamed.status == 303 && renamed.headers["Location"] == "/admin/organisations/\(club.id)?done=renamed")
        #expect(try harness.studio.organisation(club.id).name == "IK Skylt")
        #expect(try harness.send("GET", "/admin/organisations/999", as: "ada").status == 404)
    }

    @Test("only admins reach the organisations: others get 403 and change nothing")
    func adminsOnly() throws {
        let harness = try WebHarness()
        for user in ["pia", "kim", "ola"] {
            #expect(try harness.send("GET", "/admin/organisations", as: user).status == 403, "\(user)")
            let post = try harness.send("POST", "/admin/organisations", as: user, form: [("name", "Av \(user)")])
            #expect(post.status == 403, "\(user)")
        }
        #expect(try harness.studio.organisations().count == 1)
        let home = try harness.send("GET", "/", as: "ada")
        #expect(home.text.contains(#"href="/admin/organisations""#))
        #expect(!(try harness.send("GET", "/", as: "pia").text.contains(#"href="/admin/organisations""#)))
    }
}
