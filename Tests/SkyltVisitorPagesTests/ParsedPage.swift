import SkyltTestSupport

/// A visitor page as python3's html.parser reads it.
typealias ParsedPage = ParsedHTML

extension ParsedHTML {
    /// The page's `html` element, which carries its `lang` and `dir`.
    var html: Element? { elements("html").first }
}
