import Foundation
import SkyltHTML
import SkyltTestSupport
import Testing

/// The builder's pages as python3's html.parser reads them (ParsedHTML in SkyltTestSupport).
extension ParsedHTML {
    init(_ html: HTML) throws { try self.init(data: html.data) }

    /// Nothing that runs: no script or style element, no event handler, no inline style, no
    /// URL with a scheme other than http(s); and the tree is well formed.
    func expectInert(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(mismatched.isEmpty && unclosed.isEmpty, "\(mismatched) \(unclosed)", sourceLocation: sourceLocation)
        for element in elements {
            #expect(
                !["script", "style", "iframe", "object", "embed"].contains(element.tag), sourceLocation: sourceLocation)
            for (name, value) in element.attributes {
                #expect(!name.hasPrefix("on") && name != "style", "\(name)", sourceLocation: sourceLocation)
                if ["href", "src", "action", "formaction"].contains(name) {
                    let lower = value.lowercased()
                    #expect(!lower.contains("javascript") && !lower.hasPrefix("data:"), sourceLocation: sourceLocation)
                }
            }
        }
    }
}

@Suite("HTML builder")
struct HTMLTests {
    static let payloads = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='x",
        "</textarea><script>alert(1)</script>",
        "\u{202E}gpj.exe",
        "a\u{0}b",
        "&amp; &lt;b&gt; &#60;",
        "<!-- --><![CDATA[x]]>",
    ]

    /// What the browser must show for `payload`: the same characters, NUL replaced.
    static func shown(_ payload: String) -> String { payload.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") }

    @Test("text and attribute values escape & < > \" ' and nothing else")
    func fiveCharacters() throws {
        #expect(HTML.text("a&b<c>d\"e'f").rendered == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        #expect(HTML.text("räksmörgås ✓").rendered == "räksmörgås ✓")
        let element = HTML.element(.p, [.title("&<>\"'"), try HTMLAttribute("data-x", "&<>\"'")]) { "&<>\"'" }
        let expected =
            "<p title=\"&amp;&lt;&gt;&quot;&#39;\" data-x=\"&amp;&lt;&gt;&quot;&#39;\">&amp;&lt;&gt;&quot;&#39;</p>"
        #expect(element.rendered == expected)
        #expect(element.data == Data(expected.utf8))
    }

    @Test("a hostile string comes back as the same text, inert, in every position", arguments: payloads)
    func hostile(_ payload: String) throws {
        let field = HTMLFormField(
            id: "f", name: payload, label: payload, control: .input(type: payload), value: payload, hint: payload,
            error: payload, autocomplete: payload)
        let area = HTMLFormField(id: "g", name: "g", label: "L", control: .textarea, value: payload)
        let page = try HTML.page(
            language: "sv", title: payload, stylesheet: "/static/studio.css", skipLinkText: payload,
            navigationLabel: payload, header: .text(payload), footer: .text(payload)
        ) {
            HTML.element(.p, [.class(payload), .id(payload), try .aria("label", payload)]) { payload }
            try HTML.postForm(action: "/save?x=1", csrfToken: payload) {
                try field.html()
                try area.html()
                HTML.button(payload, name: payload, value: payload)
            }
        }
        let parsed = try ParsedHTML(page)
        parsed.expectInert()
        let shown = Self.shown(payload)
        for tag in ["title", "a", "header", "footer", "p", "label", "button", "textarea"] {
            #expect(parsed.text(in: tag).contains(shown), "\(tag)")
        }
        #expect(parsed.element(id: "f-hint") != nil && parsed.element(id: "f-error") != nil)
        #expect(parsed.elements("p").first?.attributes == ["class": shown, "id": shown, "aria-label": shown])
        #expect(parsed.elements("nav").first?.attributes["aria-label"] == shown)
        let inputs = parsed.elements("input")
        #expect(inputs.map { $0.attributes["value"] } == [shown, shown])
        #expect(inputs[1].attributes["name"] == shown && inputs[1].attributes["type"] == shown)
        #expect(inputs[1].attributes["autocomplete"] == shown)
        #expect(parsed.elements("button").first?.attributes == ["type": "submit", "name": shown, "value": shown])
        #expect(parsed.elements.map(\.tag).filter { $0 == "img" || $0 == "script" }.isEmpty)
    }

    @Test(
        "URL attributes refuse scripts, data, other schemes and what browsers would rewrite into them",
        arguments: [
            "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
            "java\nscript:alert(1)", "\u{0}javascript:alert(1)", "javascript&colon;alert(1):", "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>", "data:image/png;base64,iVBORw0KGgo=", "file:///etc/passwd",
            "mailto:a@example.org", "//evil.example/", "/\\evil.example/", "http:evil", "https://a b",
        ])
    func unsafeURL(_ url: String) {
        for name in ["href", "src", "action", "formaction"] {
            #expect(throws: HTMLError(.unsafeURL, name: name, value: url)) { try HTMLAttribute(name, url) }
        }
        #expect(throws: HTMLError.self) { try HTML.postForm(action: url, csrfToken: "t") {} }
        #expect(throws: HTMLError.self) {
            try HTML.page(language: "en", title: "t", stylesheet: url, skipLinkText: "s", navigationLabel: "n") {}
        }
    }

    @Test(
        "http(s) URLs, relative paths, queries and fragments are accepted as they are",
        arguments: [
            "https://example.org/a?b=c&d=e#f", "HTTP://example.org", "/studio/channels/demo", "channels/demo",
            "../up", "./here", "?page=2", "#main", "a/b:c", "/x?next=javascript:y",
        ])
    func safeURL(_ url: String) throws {
        let link = HTML.element(.a, [try .href(url)]) { "go" }
        let parsed = try ParsedHTML(link)
        #expect(parsed.elements("a").first?.attributes["href"] == url)
    }

    @Test("event handlers, inline style and malformed attribute names are refused")
    func attributeNames() {
        for name in ["onclick", "onerror", "on", "style", "srcdoc", "srcset", "http-equiv"] {
            #expect(throws: HTMLError(.forbiddenAttribute, name: name)) { try HTMLAttribute(name, "x") }
        }
        for name in ["x y", "", "ONCLICK", "Style", "a\"b", "a=b", "1a", "-a", "a>", "a/b", "x:href", "é"] {
            #expect(throws: HTMLError(.invalidAttributeName, name: name)) { try HTMLAttribute(name, "x") }
        }
        #expect(throws: HTMLError(.invalidAttributeName, name: "aria-x onclick")) {
            try HTMLAttribute.aria("x onclick", "x")
        }
        #expect((try? HTMLAttribute("data-slide-id", "7")) != nil)
        #expect((try? HTMLAttribute("aria-live", "polite")) != nil)
    }

    @Test("a field's label, hint and error are tied to its control, and aria-invalid marks the error")
    func formField() throws {
        let field = HTMLFormField(
            id: "slide-title", name: "title", label: "Rubrik", hint: "Högst 40 tecken", error: "Rubriken är för lång",
            required: true)
        let parsed = try ParsedHTML(try field.html())
        parsed.expectInert()
        let input = try #require(parsed.elements("input").first)
        #expect(parsed.elements("label").first?.attributes["for"] == "slide-title")
        #expect(input.attributes["id"] == "slide-title" && input.attributes["name"] == "title")
        #expect(input.attributes["aria-describedby"] == "slide-title-hint slide-title-error")
        #expect(input.attributes["aria-invalid"] == "true" && input.attributes["required"] == "")
        #expect(
            parsed.element(id: "slide-title-hint")?.tag == "p" && parsed.element(id: "slide-title-error")?.tag == "p")
        #expect(parsed.text(in: "label") == "Rubrik")
        #expect(parsed.texts.map(\.text) == ["Rubrik", "Högst 40 tecken", "Rubriken är för lång"])
        #expect(parsed.elements("div").first?.attributes["class"] == "field field-error")

        let calm = try ParsedHTML(try HTMLFormField(id: "a", name: "a", label: "A", hint: "h").html())
        let calmInput = try #require(calm.elements("input").first)
        #expect(calmInput.attributes["aria-describedby"] == "a-hint" && calmInput.attributes["aria-invalid"] == nil)
        #expect(calm.element(id: "a-error") == nil && calmInput.attributes["required"] == nil)
        let bare = try ParsedHTML(try HTMLFormField(id: "b", name: "b", label: "B", error: "").html())
        #expect(bare.elements("input").first?.attributes.keys.sorted() == ["id", "name", "type", "value"])
    }

    @Test("a field for text in another language has its lang and direction on the control, not on the label")
    func formFieldLanguage() throws {
        let arabic = try ParsedHTML(
            try HTMLFormField(id: "title-ar", name: "title.ar", label: "Rubrik", language: "ar").html())
        let input = try #require(arabic.elements("input").first)
        #expect(input.attributes["lang"] == "ar" && input.attributes["dir"] == "rtl")
        #expect(arabic.elements("label").first?.attributes["lang"] == nil)
        #expect(arabic.elements("div").first?.attributes["lang"] == nil)
        let area = try ParsedHTML(
            try HTMLFormField(id: "body-sv", name: "body.sv", label: "Text", control: .textarea, language: "sv").html())
        let textarea = try #require(area.elements("textarea").first)
        #expect(textarea.attributes["lang"] == "sv" && textarea.attributes["dir"] == "auto")
        #expect(throws: HTMLError(.invalidLanguage, name: "lang", value: "sv\" x=\"")) {
            try HTMLFormField(id: "t", name: "t", label: "T", language: "sv\" x=\"").html()
        }
    }

    @Test("an id that would break the label or aria links is refused", arguments: ["", "a b", "1a", "a\"", "ä", "a.b"])
    func fieldID(_ id: String) {
        #expect(throws: HTMLError(.invalidIdentifier, name: "id", value: id)) {
            try HTMLFormField(id: id, name: "n", label: "L").html()
        }
    }

    @Test("the page has a doctype, lang, title, stylesheet, a skip link first, and its landmarks")
    func page() throws {
        let page = try HTML.page(
            language: "sv-SE", title: "Kanaler – Skylt Studio", stylesheet: "/static/studio.css",
            skipLinkText: "Till innehållet", navigationLabel: "Huvudmeny", header: .text("Skylt Studio"),
            navigation: HTML.element(.a, [try .href("/channels")]) { "Kanaler" }, footer: .text("Kommunen")
        ) {
            HTML.element(.h1) { "Kanaler" }
        }
        let parsed = try ParsedHTML(page)
        parsed.expectInert()
        #expect(page.rendered.hasPrefix("<!DOCTYPE html><html lang=\"sv-SE\">"))
        #expect(parsed.declarations == ["DOCTYPE html"])
        #expect(parsed.text(in: "title") == "Kanaler – Skylt Studio")
        #expect(parsed.elements("meta").first?.attributes == ["charset": "utf-8"])
        #expect(parsed.elements("link").first?.attributes == ["rel": "stylesheet", "href": "/static/studio.css"])
        let bodyChildren = parsed.elements.filter { $0.parent == "body" }
        #expect(bodyChildren.map(\.tag) == ["a", "header", "nav", "main", "footer"])
        #expect(bodyChildren.first?.attributes["href"] == "#main" && parsed.text(in: "a").hasPrefix("Till innehållet"))
        #expect(parsed.element(id: "main")?.tag == "main")
        #expect(parsed.elements("nav").first?.attributes["aria-label"] == "Huvudmeny")
        #expect(parsed.elements("h1").first?.parent == "main")
        for language in ["", "sv\" onload=\"x", "s", "sv_SE", "sv-", "123"] {
            #expect(throws: HTMLError(.invalidLanguage, name: "lang", value: language)) {
                try HTML.page(
                    language: language, title: "t", stylesheet: "/s.css", skipLinkText: "s", navigationLabel: "n"
                ) {}
            }
        }
    }

    @Test("a POST form carries its CSRF token first; a GET form carries none")
    func forms() throws {
        let post = try ParsedHTML(
            try HTML.postForm(action: "/channels/demo/publish", csrfToken: "tok&en") { HTML.button("Publicera") })
        post.expectInert()
        #expect(post.elements("form").first?.attributes == ["method": "post", "action": "/channels/demo/publish"])
        #expect(
            post.elements("input").first?.attributes == ["type": "hidden", "name": "csrf_token", "value": "tok&en"])
        #expect(post.elements.map(\.tag) == ["form", "input", "button"])
        #expect(
            post.elements("button").first?.attributes == ["type": "submit"] && post.text(in: "button") == "Publicera")
        let get = try ParsedHTML(try HTML.getForm(action: "/audit") { HTML.button("Sök") })
        #expect(get.elements("form").first?.attributes == ["method": "get", "action": "/audit"])
        #expect(get.elements("input").isEmpty)
    }

    @Test("void elements close nothing, builder control flow works, and no tag runs code")
    func structure() throws {
        let items = ["ett", "två"]
        let list = HTML.element(.ul) {
            for item in items { HTML.element(.li) { item } }
            if items.isEmpty { "tom" } else { HTML.void(.br) }
        }
        #expect(list.rendered == "<ul><li>ett</li><li>två</li><br></ul>")
        #expect(
            HTML.void(.img, [try .src("/media/ab.png"), .alt("")]).rendered == "<img src=\"/media/ab.png\" alt=\"\">")
        let forbidden: Set = [
            "script", "style", "iframe", "object", "embed", "base", "template", "frame", "svg", "math",
        ]
        #expect(Set(HTMLTag.allCases.map(\.rawValue)).isDisjoint(with: forbidden))
        #expect(Set(HTMLVoidTag.allCases.map(\.rawValue)).isDisjoint(with: forbidden))
    }
}

extension HTMLTests {
    @Test("a table sits in a named region that scrolls sideways and the keyboard reaches, its caption the name")
    func tableRegion() {
        let html = HTML.table(caption: "Kanaler <alla>") {
            HTML.element(.tbody) { HTML.element(.tr) { HTML.element(.td) { "demo" } } }
        }
        #expect(
            html.rendered
                == #"<div class="table-scroll" role="region" tabindex="0" aria-label="Kanaler &lt;alla&gt;">"#
                + #"<table><caption>Kanaler &lt;alla&gt;</caption><tbody><tr><td>demo</td></tr></tbody></table></div>"#)
    }
}
