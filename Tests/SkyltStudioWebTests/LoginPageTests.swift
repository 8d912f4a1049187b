import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio
import SkyltStudioWeb
import Testing

@Suite("studio web: login, logout, language, CSRF")
struct LoginPageTests {
    @Test("the login form has fields named username and password, labelled, in the browser's language")
    func loginForm() throws {
        let harness = try WebHarness()
        let swedish = try harness.send("GET", "/login", headers: [("Accept-Language", "sv-SE,en;q=0.8")])
        #expect(swedish.status == 200)
        #expect(swedish.text.contains(#"<html lang="sv">"#))
        #expect(swedish.text.contains(#"<label for="username">Användarnamn</label>"#))
        #expect(swedish.text.contains(#"name="username""#) && swedish.text.contains(#"name="password""#))
        let english = try harness.send("GET", "/login", headers: [("Accept-Language", "en-GB,en;q=0.9,sv;q=0.5")])
        #expect(english.text.contains(#"<html lang="en">"#) && english.text.contains("User name"))
        let chosen = try harness.send(
            "GET", "/login", headers: [("Accept-Language", "en"), ("Cookie", "skylt_lang=sv")])
        #expect(chosen.text.contains(#"<html lang="sv">"#))
    }

    @Test("a right password sets an HttpOnly SameSite=Strict session cookie and goes to the page asked for")
    func login() throws {
        let harness = try WebHarness()
        let response = try harness.send(
            "POST", "/login",
            form: [("username", "pia"), ("password", WebHarness.password), ("next", "/channels/demo")])
        #expect(response.status == 303)
        #expect(response.headers["Location"] == "/channels/demo")
        let cookie = try #require(response.headers["Set-Cookie"])
        #expect(cookie.hasPrefix("skylt_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        #expect(!cookie.contains("Secure"))
        let token = String(cookie.dropFirst("skylt_session=".count).prefix { $0 != ";" })
        let home = try harness.send("GET", "/", headers: [("Cookie", "skylt_session=\(token)")])
        #expect(home.status == 200 && home.text.contains("pia"))
    }

    @Test("behind HTTPS the cookie is Secure with the __Host- prefix")
    func secureCookie() throws {
        let harness = try WebHarness(options: StudioWeb.Options(publicURL: "https://studio.example.org"))
        let response = try harness.send(
            "POST", "/login", form: [("username", "pia"), ("password", WebHarness.password)])
        let cookie = try #require(response.headers["Set-Cookie"])
        #expect(cookie.hasPrefix("__Host-skylt_session=") && cookie.contains("; Secure") && cookie.contains("Path=/"))
    }

    @Test("a wrong password is refused with the same words as an unknown name, and the name is kept")
    func wrongPassword() throws {
        let harness = try WebHarness()
        let wrong = try harness.send("POST", "/login", form: [("username", "pia"), ("password", "nope nope nope")])
        let unknown = try harness.send(
            "POST", "/login", form: [("username", "nobody"), ("password", "nope nope nope")])
        #expect(wrong.status == 401 && unknown.status == 401)
        #expect(wrong.text.contains("Fel användarnamn eller lösenord."))
        #expect(unknown.text.contains("Fel användarnamn eller lösenord."))
        #expect(wrong.text.contains(#"value="pia""#))
        #expect(wrong.headers["Set-Cookie"] == nil)
    }

    @Test("a login's next page must be on this site")
    func nextStaysHere() throws {
        let harness = try WebHarness()
        for next in ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"] {
            let response = try harness.send(
                "POST", "/login", form: [("username", "pia"), ("password", WebHarness.password), ("next", next)])
            #expect(response.headers["Location"] == "/", "next \(next)")
        }
    }

    @Test("signed out, a page sends to the login and back; a POST is refused")
    func signedOut() throws {
        let harness = try WebHarness()
        let page = try harness.send("GET", "/account")
        #expect(page.status == 303 && page.headers["Location"] == "/login?next=/account")
        let post = try harness.send("POST", "/logout")
        #expect(post.status == 403)
    }

    @Test("a POST without the session's CSRF token, or with another's, is refused and changes nothing")
    func csrf() throws {
        let harness = try WebHarness()
        let missing = try harness.send("POST", "/logout", as: "pia", csrf: false)
        #expect(missing.status == 403)
        let other = try harness.session("kim").csrfToken
        let foreign = try harness.send("POST", "/logout", as: "pia", form: [(HTML.csrfFieldName, other)], csrf: false)
        #expect(foreign.status == 403)
        #expect(try harness.send("GET", "/", as: "pia").status == 200)
    }

    @Test("logout ends the session: its cookie no longer opens a page")
    func logout() throws {
        let harness = try WebHarness()
        let response = try harness.send("POST", "/logout", as: "pia")
        #expect(response.status == 303 && response.headers["Set-Cookie"]?.contains("Max-Age=0") == true)
        let after = try harness.send("GET", "/", as: "pia")
        #expect(after.status == 303 && after.headers["Location"]?.hasPrefix("/login") == true)
    }

    @Test("a password change ends the user's other sessions, not this one")
    func passwordChange() throws {
        let harness = try WebHarness()
        let other = try Accounts(studio: harness.studio).login(name: "pia", password: WebHarness.password, address: "b")
        let response = try harness.send(
            "POST", "/account/password", as: "pia",
            form: [("current", WebHarness.password), ("new", "a new long password")])
        #expect(response.status == 303)
        #expect(try Accounts(studio: harness.studio).session(token: other.token) == nil)
        #expect(try harness.send("GET", "/", as: "pia").status == 200)
        let short = try harness.send(
            "POST", "/account/password", as: "pia", form: [("current", "a new long password"), ("new", "short")])
        #expect(short.status == 400 && short.text.contains(#"id="new-error""#))
    }

    @Test("the language switch sets a cookie and returns to the page")
    func languageSwitch() throws {
        let harness = try WebHarness()
        let response = try harness.send("POST", "/language", form: [("lang", "en"), ("back", "/accessibility")])
        #expect(response.status == 303 && response.headers["Location"] == "/accessibility")
        #expect(response.headers["Set-Cookie"]?.hasPrefix("skylt_lang=en;") == true)
    }
}

extension LoginPageTests {
    @Test("logging in on a browser where someone else is signed in ends their session")
    func loginOverSession() throws {
        let harness = try WebHarness()
        let kim = try harness.session("kim")
        let response = try harness.send(
            "POST", "/login", form: [("username", "pia"), ("password", WebHarness.password)],
            headers: [("Cookie", "skylt_session=\(kim.token)")])
        #expect(response.status == 303)
        #expect(try Accounts(studio: harness.studio).session(token: kim.token) == nil)
    }
}
