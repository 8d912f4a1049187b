import SkyltCore

/// One attribute of an element. Its name is checked when it is made and its value is always
/// escaped when rendered; URL attributes also have their value checked, so a link can never run
/// code. A `nil` value is a boolean attribute (`required`, `disabled`).
public struct HTMLAttribute: Sendable, Equatable {
    public let name: String
    public let value: String?

    /// Attributes that hold a URL a browser follows or loads.
    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "poster", "cite"]
    /// Attributes refused besides `on*`: inline style (the CSP forbids it), inline documents,
    /// URL lists the URL check does not read, and refresh redirects.
    static let forbiddenAttributes: Set<String> = [
        "style", "srcdoc", "srcset", "imagesrcset", "ping", "background", "http-equiv", "manifest", "codebase",
        "data", "xmlns",
    ]

    /// Any allowed attribute: the name must be lowercase ASCII letters, digits and '-', starting
    /// with a letter; `on*` event handlers and the attributes above are refused; URL attributes
    /// go through `checkedURL`.
    public init(_ name: String, _ value: String?) throws(HTMLError) {
        guard let first = name.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first),
            name.utf8.allSatisfy({ Self.isNameByte($0) })
        else { throw HTMLError(.invalidAttributeName, name: name) }
        guard !name.hasPrefix("on"), !Self.forbiddenAttributes.contains(name) else {
            throw HTMLError(.forbiddenAttribute, name: name)
        }
        if Self.urlAttributes.contains(name) {
            guard let value else { throw HTMLError(.unsafeURL, name: name) }
            try Self.checkURL(value, attribute: name)
        }
        self.name = name
        self.value = value
    }

    /// For the fixed, known-safe names below, which need no check.
    private init(known name: String, _ value: String?) {
        self.name = name
        self.value = value
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-")
    }

    public static func id(_ value: String) -> HTMLAttribute { HTMLAttribute(known: "id", value) }
    public static func `class`(_ value: String) -> HTMLAttribute { HTMLAttribute(known: "class", value) }
    public static func name(_ value: String) -> HTMLAttribute { HTMLAttribute(known: "name", value) }
    public static func type(_ value: String) -> HTMLAttribute { HTMLAttribute(known: "type", value) }
    public static func value(_ value: String) -> HTMLAttribute { HTMLAttribute(known: "value", value) }
    public static func `for`(_ value: String) -> HTMLAttribute { HTMLAttribute(known: "for", value) }
    public static func title(_ value: String) -> HTMLAttribute { HTMLAttribute(known: "title", value) }
    public static func alt(_ value: String) -> HTMLAttribute { HTMLAttribute(known: "alt", value) }
    public static func autocomplete(_ value: String) -> HTMLAttribute { HTMLAttribute(known: "autocomplete", value) }
    public static func scope(_ value: String) -> HTMLAttribute { HTMLAttribute(known: "scope", value) }
    public static let required = HTMLAttribute(known: "required", nil)

    /// `lang` and `dir` for text in `language` other than the page's: `rtl` for right-to-left
    /// scripts, else `auto` (a Swedish field may hold an Arabic name), so that it is typed,
    /// shown and read out the right way round (WCAG 2.1: 3.1.2).
    public static func language(_ language: String) throws(HTMLError) -> [HTMLAttribute] {
        try HTML.checkLanguage(language)
        let direction = LanguageCode.direction(language) == .rtl ? "rtl" : "auto"
        return [HTMLAttribute(known: "lang", language), HTMLAttribute(known: "dir", direction)]
    }
    /// `role="region"`, `tabindex="0"` and `aria-label`: a part of the page that scrolls on its
    /// own is a named landmark a keyboard can reach and scroll.
    static func scrollRegion(label: String) -> [HTMLAttribute] {
        [
            HTMLAttribute(known: "role", "region"), HTMLAttribute(known: "tabindex", "0"),
            HTMLAttribute(known: "aria-label", label),
        ]
    }
    public static let disabled = HTMLAttribute(known: "disabled", nil)

    /// An `aria-*` attribute; `suffix` is checked like any attribute name.
    public static func aria(_ suffix: String, _ value: String) throws(HTMLError) -> HTMLAttribute {
        try HTMLAttribute("aria-" + suffix, value)
    }

    /// A link target, checked by `checkURL`.
    public static func href(_ url: String) throws(HTMLError) -> HTMLAttribute { try HTMLAttribute("href", url) }
    /// An image or other resource, checked by `checkURL`.
    public static func src(_ url: String) throws(HTMLError) -> HTMLAttribute { try HTMLAttribute("src", url) }

    /// Accepts an http(s) URL, a relative path (with query) or a fragment, and nothing else:
    /// no `javascript:`, `data:` (images included: the studio serves previews as URLs of its
    /// own), `vbscript:`, `file:` or any other scheme. Browsers drop tabs and newlines inside
    /// URLs and treat `\` as `/`, so any whitespace, control character or backslash is refused
    /// rather than second-guessed; `//host` (another site with the page's scheme) is refused
    /// too, as the studio only links to itself or to full http(s) URLs.
    static func checkURL(_ url: String, attribute: String) throws(HTMLError) {
        let refused = HTMLError(.unsafeURL, name: attribute, value: url)
        for scalar in url.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F || scalar == "\\" { throw refused }
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control { throw refused }
        }
        if url.hasPrefix("//") { throw refused }
        guard let scheme = scheme(of: url) else { return }
        let lower = scheme.lowercased()
        guard lower == "http" || lower == "https", url.dropFirst(scheme.count).hasPrefix("://") else { throw refused }
    }

    /// The scheme of `url` as RFC 3986 reads it (letters, then letters, digits, `+ - .` up to a
    /// colon before any `/ ? #`), or nil for a relative reference.
    private static func scheme(of url: String) -> Substring? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let head = url[..<colon]
        if head.contains(where: { "/?#".contains($0) }) { return nil }
        return head
    }
}
