/// The pieces every studio page and form is made of, with accessibility built in: a caller who
/// uses them cannot forget a label, a landmark or the link between a field and its error.
extension HTML {
    /// The name of the hidden field that carries a POST form's CSRF token.
    public static let csrfFieldName = "csrf_token"

    /// The id of the `main` landmark, the skip link's target.
    public static let mainID = "main"

    /// A whole page: doctype, `lang`, UTF-8, a viewport, the title and one stylesheet in the
    /// head; in the body a skip link to `main` first (for keyboard users), then the banner,
    /// the labelled navigation, the main landmark and the footer.
    public static func page(
        language: String, title: String, stylesheet: String, skipLinkText: String,
        navigationLabel: String, header: HTML = .empty, navigation: HTML = .empty, footer: HTML = .empty,
        @HTMLBuilder main: () throws -> HTML
    ) throws -> HTML {
        try checkLanguage(language)
        let head = try element(.head) {
            void(.meta, [try HTMLAttribute("charset", "utf-8")])
            void(.meta, [.name("viewport"), try HTMLAttribute("content", "width=device-width, initial-scale=1")])
            element(.title) { title }
            void(.link, [try HTMLAttribute("rel", "stylesheet"), try .href(stylesheet)])
        }
        let body = try element(.body) {
            element(.a, [.class("skip-link"), try .href("#" + mainID)]) { skipLinkText }
            element(.header) { header }
            element(.nav, [try .aria("label", navigationLabel)]) { navigation }
            try element(.main, [.id(mainID), try HTMLAttribute("tabindex", "-1")]) { try main() }
            element(.footer) { footer }
        }
        return join([
            doctype,
            element(.html, [try HTMLAttribute("lang", language)]) {
                head; body
            },
        ])
    }

    /// A form that changes something: method POST, its action checked as a URL, and the CSRF
    /// token in a hidden field first, so no POST form can be built without one.
    public static func postForm(
        action: String, csrfToken: String, _ attributes: [HTMLAttribute] = [],
        @HTMLBuilder _ content: () throws -> HTML
    ) throws -> HTML {
        let formAttributes = [try HTMLAttribute("method", "post"), try HTMLAttribute("action", action)] + attributes
        return try element(.form, formAttributes) {
            void(.input, [.type("hidden"), .name(csrfFieldName), .value(csrfToken)])
            try content()
        }
    }

    /// A form that only reads (a search, a filter): method GET and no token, which would
    /// otherwise end up in the URL.
    public static func getForm(
        action: String, _ attributes: [HTMLAttribute] = [], @HTMLBuilder _ content: () throws -> HTML
    ) throws -> HTML {
        try element(.form, [try HTMLAttribute("method", "get"), try HTMLAttribute("action", action)] + attributes) {
            try content()
        }
    }

    /// A table with its caption, inside a region that scrolls sideways on a narrow screen
    /// (a phone) instead of widening the page or breaking words; the region is named by the
    /// caption and can be reached and scrolled with the keyboard.
    public static func table(caption: String, @HTMLBuilder _ content: () throws -> HTML) rethrows -> HTML {
        try element(.div, [.class("table-scroll")] + HTMLAttribute.scrollRegion(label: caption)) {
            try element(.table) {
                element(.caption) { caption }
                try content()
            }
        }
    }

    /// A button; `submit` unless told otherwise, so it works without JavaScript. `name` and
    /// `value` tell the server which of several buttons was pressed.
    public static func button(
        _ label: String, type: String = "submit", name: String? = nil, value: String? = nil
    ) -> HTML {
        var attributes: [HTMLAttribute] = [.type(type)]
        if let name { attributes.append(.name(name)) }
        if let value { attributes.append(.value(value)) }
        return element(.button, attributes) { label }
    }

    static func checkLanguage(_ language: String) throws(HTMLError) {
        let parts = language.split(separator: "-", omittingEmptySubsequences: false)
        let valid =
            parts.count >= 1 && (2...8).contains(parts[0].count)
            && parts[0].allSatisfy { $0.isASCII && $0.isLetter }
            && parts.dropFirst().allSatisfy { part in
                (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            }
        guard valid else { throw HTMLError(.invalidLanguage, name: "lang", value: language) }
    }
}
