import Foundation
import SkyltBundle
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltStudioWeb
import Testing

@Suite("studio web: users, invitations, channels, audit log")
struct AdminPageTests {
    /// The token of the link an admin's invitation page shows.
    static func inviteToken(_ harness: WebHarness, grant: String) throws -> String {
        let page = try harness.send("POST", "/admin/invites", as: "ada", form: [("grant", grant)])
        #expect(page.status == 200)
        let text = page.text
        let start = try #require(text.range(of: #"<code id="invite-link">http://127.0.0.1/invite/"#))
        return String(text[start.upperBound...].prefix { $0 != "<" })
    }

    @Test("an invitation makes a user who is signed in at once and sees only the invited channel")
    func inviteAccept() throws {
        let harness = try WebHarness()
        let token = try Self.inviteToken(harness, grant: "contributor:other")
        #expect(token.count == 43)
        let stored = try harness.studio.database.query("SELECT token_sha256 FROM invites").first?[0].string
        #expect(stored == SecretToken.sha256Hex(token))
        let form = try harness.send("GET", "/invite/\(token)")
        #expect(form.status == 200 && form.text.contains(#"name="username""#))
        let short = try harness.send("POST", "/invite/\(token)", form: [("username", "eva"), ("password", "short")])
        #expect(
            short.status == 400 && short.text.contains(#"id="password-error""#) && short.text.contains(#"value="eva""#))
        let made = try harness.send(
            "POST", "/invite/\(token)", form: [("username", "eva"), ("password", WebHarness.password)])
        #expect(made.status == 303)
        let cookie = try #require(made.headers["Set-Cookie"])
        let session = String(cookie.prefix { $0 != ";" })
        let home = try harness.send("GET", "/", headers: [("Cookie", session)])
        #expect(home.text.contains(#"href="/channels/other""#) && !home.text.contains(#"href="/channels/demo""#))
        let login = try harness.send("POST", "/login", form: [("username", "eva"), ("password", WebHarness.password)])
        #expect(login.status == 303)
        let eva = try harness.studio.user(named: "eva")
        #expect(eva.role == .contributor && eva.channels == ["other": .contributor])
        let again = try harness.send(
            "POST", "/invite/\(token)", form: [("username", "eve"), ("password", WebHarness.password)])
        #expect(again.status == 410)
        #expect((try? harness.studio.user(named: "eve")) == nil)
    }

    @Test("an expired, a used and an unknown invitation are refused and make nobody")
    func inviteRefused() throws {
        let harness = try WebHarness()
        let token = try Self.inviteToken(harness, grant: "admin")
        try harness.studio.database.execute("UPDATE invites SET expires_at = '2020-01-01T00:00:00Z'")
        let expired = try harness.send("GET", "/invite/\(token)")
        #expect(expired.status == 410)
        let post = try harness.send(
            "POST", "/invite/\(token)", form: [("username", "max"), ("password", WebHarness.password)])
        #expect(post.status == 410)
        #expect((try? harness.studio.user(named: "max")) == nil)
        let unknown = try harness.send("GET", "/invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        #expect(unknown.status == 404)
        let used = try Self.inviteToken(harness, grant: "publisher:demo")
        try harness.studio.acceptInvite(token: used, name: "nils", password: WebHarness.password)
        #expect(try harness.send("GET", "/invite/\(used)").status == 410)
    }

    @Test("every admin route answers 403 to a publisher and a contributor")
    func adminOnly() throws {
        let harness = try WebHarness()
        let adminRoutes = StudioWeb.allRoutes.filter { $0.access == .admin }
        #expect(adminRoutes.count >= 12)
        for route in adminRoutes {
            let path = route.pattern.replacingOccurrences(of: "{channel}", with: "demo")
                .replacingOccurrences(of: "{screen}", with: "shop").replacingOccurrences(of: "{user}", with: "1")
                .replacingOccurrences(of: "{key}", with: "1")
            for user in ["pia", "kim"] {
                let response = try harness.send(route.method, path, as: user)
                #expect(response.status == 403, "\(route.method) \(path) as \(user)")
            }
        }
        #expect(try harness.send("GET", "/channels/demo/keys", as: "kim").status == 403)
        #expect(try harness.send("GET", "/channels/demo/keys", as: "pia").status == 200)
    }

    @Test("an admin disables and enables a user, never themself, and sets a channel role")
    func users() throws {
        let harness = try WebHarness()
        let page = try harness.send("GET", "/admin/users", as: "ada")
        #expect(page.status == 200 && page.text.contains("<caption>") && page.text.contains("demo: "))
        let kim = try harness.studio.user(named: "kim")
        #expect(
            try harness.send("POST", "/admin/users/\(kim.id)/disabled", as: "ada", form: [("disabled", "1")]).status
                == 303)
        #expect(try harness.studio.user(named: "kim").disabled)
        let ada = try harness.studio.user(named: "ada")
        #expect(
            try harness.send("POST", "/admin/users/\(ada.id)/disabled", as: "ada", form: [("disabled", "1")]).status
                == 400)
        #expect(try !harness.studio.user(named: "ada").disabled)
        let set = try harness.send(
            "POST", "/admin/members", as: "ada",
            form: [("user", String(kim.id)), ("channel", "other"), ("role", "publisher")])
        #expect(set.status == 303)
        #expect(try harness.studio.user(named: "kim").channels["other"] == .publisher)
    }

    @Test("a channel is made with its key and settings; a bad name is refused at its field")
    func newChannel() throws {
        let harness = try WebHarness()
        #expect(try harness.send("GET", "/admin/channels/new", as: "ada").status == 200)
        let bad = try harness.send(
            "POST", "/admin/channels", as: "ada", form: [("name", "bad name"), ("title", "X"), ("languages", "sv")])
        #expect(bad.status == 400 && bad.text.contains(#"id="name-error""#) && bad.text.contains(#"value="bad name""#))
        let taken = try harness.send(
            "POST", "/admin/channels", as: "ada", form: [("name", "demo"), ("languages", "sv")])
        #expect(taken.status == 400 && taken.text.contains(#"id="name-error""#))
        let made = try harness.send(
            "POST", "/admin/channels", as: "ada",
            form: [("name", "kommun"), ("title", "Kommunen"), ("languages", "sv, en")])
        #expect(made.status == 303 && made.headers["Location"] == "/channels/kommun")
        let channel = try harness.studio.channel(named: "kommun")
        #expect(try harness.studio.trustedKeys(of: channel) == [channel.publicKey])
        let summary = try harness.studio.publish(channel: "kommun")
        #expect(summary.version == 1 && summary.slides == 0)
    }

    @Test("the audit log lists a failed login and escapes a hostile subject")
    func auditLog() throws {
        let harness = try WebHarness()
        _ = try harness.send(
            "POST", "/login", form: [("username", "<script>x</script>"), ("password", "nope nope nope")])
        let page = try harness.send("GET", "/admin/audit", as: "ada")
        #expect(page.status == 200)
        #expect(page.text.contains("login.failed"))
        #expect(page.text.contains("&lt;script&gt;x&lt;/script&gt;") && !page.text.contains("<script>"))
        // Changes made through the pages are logged with the admin's name.
        _ = try harness.send("POST", "/channels/demo/keys/rotate", as: "ada")
        let rows = try harness.studio.auditRows(filter: "demo")
        #expect(rows.first?.action == "key.rotate" && rows.first?.actor == "ada")
        let filtered = try harness.send("GET", "/admin/audit?q=%3Cscript", as: "ada")
        #expect(filtered.text.contains("login.failed") && !filtered.text.contains("user.add"))
    }
}
