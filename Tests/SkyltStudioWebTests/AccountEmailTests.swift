import Foundation
import SkyltHTTP
import SkyltStudio
import SkyltStudioWeb
import Testing

@Suite("studio web: a user's own mail address")
struct AccountEmailTests {
    @Test("the account page saves an address, refuses a bad one at the field as typed, and clears it")
    func saveAndClear() throws {
        let harness = try WebHarness()
        let pia = try harness.studio.user(named: "pia")
        let saved = try harness.send("POST", "/account/email", as: "pia", form: [("email", " pia@example.org ")])
        #expect(saved.status == 303 && saved.headers["Location"] == "/account?mail=saved")
        #expect(try harness.studio.email(ofUser: pia.id) == "pia@example.org")
        let page = try harness.send("GET", "/account?mail=saved", as: "pia")
        #expect(
            page.text.contains(#"type="email" value="pia@example.org""#) && page.text.contains("Adressen är sparad."))
        let bad = try harness.send("POST", "/account/email", as: "pia", form: [("email", "pia at example")])
        #expect(bad.status == 400 && bad.text.contains(#"<p id="email-error" class="error">"#))
        #expect(bad.text.contains(#"value="pia at example""#) && bad.text.contains(#"aria-invalid="true""#))
        #expect(try harness.studio.email(ofUser: pia.id) == "pia@example.org")
        let cleared = try harness.send("POST", "/account/email", as: "pia", form: [("email", "  ")])
        #expect(cleared.status == 303 && cleared.headers["Location"] == "/account?mail=cleared")
        #expect(try harness.studio.email(ofUser: pia.id) == nil)
        let actions = try harness.studio.auditRows(filter: "pia").map(\.action)
        #expect(actions.filter { $0 == "user.email" }.count == 2)
    }

    @Test("an address is shown to its owner and to admins, never to another user")
    func privacy() throws {
        let harness = try WebHarness()
        let address = "kim.secret@example.org"
        #expect(try harness.send("POST", "/account/email", as: "kim", form: [("email", address)]).status == 303)
        #expect(try harness.send("GET", "/account", as: "kim").text.contains(address))
        for user in ["pia", "ola"] {
            #expect(!(try harness.send("GET", "/account", as: user).text.contains(address)), "\(user)")
            #expect(try harness.send("GET", "/admin/users", as: user).status == 403, "\(user)")
        }
        #expect(try harness.send("GET", "/admin/users", as: "ada").text.contains("<td>\(address)</td>"))
    }
}
