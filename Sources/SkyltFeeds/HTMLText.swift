internal import CXML2
import FoundationEssentials

/// HTML from a feed reduced to the plain text a slide shows, by libxml2's HTML parser rather
/// than by pattern: what a browser would render as text is kept, scripts and styles are
/// dropped, entities are decoded, block elements become line breaks, and white space is
/// collapsed. Markup is never passed on, so nothing in a feed can run or load on a kiosk.
enum HTMLText {
    /// The most HTML parsed for one text: far beyond any item's summary, and small enough that
    /// a document of nothing but elements is walked in milliseconds. libxml2 stops a document
    /// nested deeper than 256 elements there, keeping the text before it.
    static let maxBytes = 256 << 10

    static let options = Int32(
        HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)

    /// Elements whose content is never text for a reader.
    static let dropped: Set<String> = [
        "script", "style", "head", "title", "noscript", "template", "iframe", "object", "svg", "math", "select",
    ]
    /// Elements that start a line of their own.
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote", "pre",
        "section", "article", "header", "footer", "hr", "dd", "dt", "dl", "figure", "figcaption", "address", "main",
    ]

    /// The text of `html`, cleaned (see `FeedText.clean`); nil when it is longer than
    /// `maxBytes` or holds no text.
    static func plain(_ html: String) -> String? {
        guard html.utf8.count <= maxBytes else { return nil }
        guard html.contains("<") || html.contains("&") else { return FeedText.clean(html, lineBreaks: true) }
        let bytes = Array(html.utf8)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(clamping: chars.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        let text = collect(document.pointee.children)
        return FeedText.clean(text, lineBreaks: true)
    }

    /// The text under `first` and its siblings, walked without recursion: a hostile document
    /// may nest as deep as it is long.
    private static func collect(_ first: xmlNodePtr?) -> String {
        var text = ""
        var node = first
        while let current = node {
            var descend = false
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                text += SafeXML.string(current.pointee.content)
            case XML_ELEMENT_NODE:
                let name = SafeXML.string(current.pointee.name).lowercased()
                if blocks.contains(name) { lineBreak(&text) }
                descend = !dropped.contains(name)
            default: break
            }
            if descend, let child = current.pointee.children {
                node = child
                continue
            }
            node = next(after: current, in: &text)
        }
        return text
    }

    /// Ends the line unless it is already ended: adjacent blocks make one break, not an empty line.
    private static func lineBreak(_ text: inout String) {
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
    }

    /// The node after `node` in document order once its subtree is done, closing the blocks
    /// it climbs out of with a line break.
    private static func next(after node: xmlNodePtr, in text: inout String) -> xmlNodePtr? {
        var current: xmlNodePtr? = node
        while let at = current {
            if let sibling = at.pointee.next { return sibling }
            current = at.pointee.parent
            if let parent = current, parent.pointee.type == XML_ELEMENT_NODE,
                blocks.contains(SafeXML.string(parent.pointee.name).lowercased())
            {
                lineBreak(&text)
            }
            if current?.pointee.type != XML_ELEMENT_NODE { return nil }
        }
        return nil
    }
}
