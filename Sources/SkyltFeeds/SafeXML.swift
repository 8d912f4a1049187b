internal import CXML2
import FoundationEssentials
import SkyltCore

/// An element of a parsed XML document, copied out of libxml2 so that sources read plain
/// Swift values: name, namespace, attributes (by local name), child elements and text.
struct XMLElement: Sendable {
    var name: String
    var namespace: String?
    var attributes: [String: String]
    var children: [XMLElement]
    /// The element's own text and CDATA, children's text not included.
    var text: String

    /// The first child named `name` (any namespace).
    func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// Every child named `name` (any namespace).
    func children(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// The trimmed text of the first child named `name`, nil when missing or empty.
    func childText(_ name: String) -> String? {
        guard let text = child(name)?.allText.trimmed, !text.isEmpty else {
            return nil
        }
        return text
    }

    /// The text of the element and all its descendants, in document order.
    var allText: String { children.isEmpty ? text : text + children.map(\.allText).joined() }
}

/// XML from outside, parsed so that no document can reach the network or the disk, or grow
/// in memory beyond its own size: libxml2 without network, DTD loading or entity
/// substitution, with its amplification limits on, and any document whose DTD declares an
/// entity refused outright, as no feed Skylt reads needs one and every XML bomb and external
/// entity attack does.
enum SafeXML {
    /// The largest document parsed; feeds and CAP alerts are tens of kilobytes.
    static let maxBytes = 4 << 20
    /// The most elements copied out of one document.
    static let maxElements = 100_000

    static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue)

    /// The root element of `data`; throws `.parse` for a document that is too large, not
    /// well-formed, or declares entities.
    static func parse(_ data: Data, subject: String, maxBytes: Int = maxBytes) throws(FeedError) -> XMLElement {
        guard data.count <= maxBytes else {
            throw FeedError(.parse, subject, "the XML document is \(data.count) bytes; at most \(maxBytes) are read")
        }
        guard let context = xmlNewParserCtxt() else { throw FeedError(.parse, subject, "libxml2 has no memory") }
        defer { xmlFreeParserCtxt(context) }
        context.pointee.sax.pointee.entityDecl = refuseEntity
        let document = data.withUnsafeBytes { bytes in
            xmlCtxtReadMemory(
                context, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(clamping: bytes.count), nil, nil,
                options)
        }
        defer { if let document { xmlFreeDoc(document) } }
        if context.pointee._private != nil {
            throw FeedError(.parse, subject, "the XML document declares entities, which feeds never need")
        }
        guard let document, let root = xmlDocGetRootElement(document) else {
            throw FeedError(.parse, subject, "the document is not well-formed XML")
        }
        var budget = maxElements
        guard let element = copy(root, budget: &budget) else {
            throw FeedError(.parse, subject, "the XML document has more than \(maxElements) elements")
        }
        return element
    }

    /// Stops the parser at the first entity declaration and marks the context.
    private static let refuseEntity: entityDeclSAXFunc = { context, _, _, _, _, _ in
        guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self) else { return }
        parser.pointee._private = UnsafeMutableRawPointer(bitPattern: 1)
        xmlStopParser(parser)
    }

    /// The element and its subtree; nil when the element budget runs out. libxml2 limits
    /// nesting to 256 levels, which bounds the recursion.
    private static func copy(_ node: xmlNodePtr, budget: inout Int) -> XMLElement? {
        budget -= 1
        guard budget >= 0 else { return nil }
        var element = XMLElement(
            name: string(node.pointee.name), namespace: node.pointee.ns.map { string($0.pointee.href) },
            attributes: [:], children: [], text: "")
        var attribute = node.pointee.properties
        while let current = attribute {
            element.attributes[string(current.pointee.name)] = text(of: current.pointee.children)
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                guard let copied = copy(current, budget: &budget) else { return nil }
                element.children.append(copied)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                element.text += string(current.pointee.content)
            default: break
            }
            child = current.pointee.next
        }
        return element
    }

    private static func text(of node: xmlNodePtr?) -> String {
        var text = ""
        var part = node
        while let current = part {
            if current.pointee.type == XML_TEXT_NODE { text += string(current.pointee.content) }
            part = current.pointee.next
        }
        return text
    }

    static func string(_ text: UnsafePointer<xmlChar>?) -> String {
        guard let text else { return "" }
        return String(cString: text)
    }

    static func string(_ text: UnsafeMutablePointer<xmlChar>?) -> String { string(UnsafePointer(text)) }
}
