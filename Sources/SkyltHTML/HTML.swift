public import FoundationEssentials
import SkyltHTTP

/// A piece of HTML that is safe to send by construction: it can only be made from escaped text,
/// elements of an allow-list with checked attributes, and the named constants below. There is no
/// public way to turn a String into `HTML` without escaping it, so a page cannot be built by
/// string concatenation and a user's text can never become markup.
public struct HTML: Sendable, Equatable, CustomStringConvertible {
    /// The markup, already escaped. Only this file and the element builders write it.
    private(set) var markup: String

    private init(markup: String) {
        self.markup = markup
    }

    /// Nothing: the neutral part for optional content.
    public static let empty = HTML(markup: "")

    /// The HTML5 doctype, the one piece of fixed markup a page starts with.
    public static let doctype = HTML(markup: "<!DOCTYPE html>")

    /// Text shown as it is: `& < > " '` are escaped, and NUL (which parsers drop or replace
    /// inconsistently) becomes U+FFFD, so the browser shows exactly the characters given.
    public static func text(_ text: String) -> HTML {
        HTML(markup: escaped(text))
    }

    /// Several pieces one after another.
    public static func join(_ parts: [HTML]) -> HTML {
        var markup = ""
        for part in parts { markup += part.markup }
        return HTML(markup: markup)
    }

    /// An element that may hold content. The tag comes from `HTMLTag`, so `<script>`, `<style>`
    /// and other elements that run or load code cannot be made at all.
    public static func element(
        _ tag: HTMLTag, _ attributes: [HTMLAttribute] = [], @HTMLBuilder _ content: () throws -> HTML = { .empty }
    ) rethrows -> HTML {
        let inner = try content()
        return HTML(markup: "<\(tag.rawValue)\(render(attributes))>\(inner.markup)</\(tag.rawValue)>")
    }

    /// An element that never has content (`input`, `img`, ...); the type leaves no room for it.
    public static func void(_ tag: HTMLVoidTag, _ attributes: [HTMLAttribute] = []) -> HTML {
        HTML(markup: "<\(tag.rawValue)\(render(attributes))>")
    }

    /// The whole text, ready to send.
    public var rendered: String { markup }

    /// The UTF-8 bytes of the text, as an `HTTPResponse` body takes them.
    public var data: Data { Data(markup.utf8) }

    public var description: String { markup }

    private static func render(_ attributes: [HTMLAttribute]) -> String {
        var text = ""
        for attribute in attributes {
            text += " " + attribute.name
            if let value = attribute.value { text += "=\"" + escaped(value) + "\"" }
        }
        return text
    }

    /// Text and attribute values alike (values are always quoted with `"`, and `'` is escaped
    /// too), by the project's one escaping routine.
    static func escaped(_ text: String) -> String { HTMLEscape.text(text) }
}

/// Lets content be written as a block: each line an `HTML` value or a String (which becomes
/// escaped text), with `if`, `switch` and `for` as in ordinary code.
@resultBuilder
public enum HTMLBuilder {
    public static func buildExpression(_ html: HTML) -> HTML { html }
    public static func buildExpression(_ text: String) -> HTML { .text(text) }
    public static func buildBlock(_ parts: HTML...) -> HTML { .join(parts) }
    public static func buildOptional(_ part: HTML?) -> HTML { part ?? .empty }
    public static func buildEither(first part: HTML) -> HTML { part }
    public static func buildEither(second part: HTML) -> HTML { part }
    public static func buildArray(_ parts: [HTML]) -> HTML { .join(parts) }
}
