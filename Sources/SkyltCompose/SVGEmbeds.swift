internal import CXML2
import FoundationEssentials

/// The images an SVG embeds through `data:` URIs, checked before librsvg sees the document.
///
/// librsvg decodes an embedded raster at its full size whatever size the SVG is drawn at, so a
/// few kilobytes of SVG can carry a picture of gigabytes. Every `href` (SVG 2) and
/// `xlink:href` of every element (`image`, `feImage`, `use`, XInclude) is looked at: a
/// `data:` URI must hold a PNG, JPEG or WebP whose header is within the pixel cap, and all of
/// them together too. The document is parsed by libxml2 without network, DTD loading or
/// entity expansion; an `href` made from an entity is refused, since what it expands to is
/// not checked. Other references (files, URLs) librsvg does not follow for a document loaded
/// from memory, which has no base to resolve them against.
enum SVGEmbeds {
    /// Checks the SVG in `data`; throws the first embedded image over the caps.
    static func check(_ data: Data, path: String, maxPixels: Int = Picture.maxPixels) throws(MediaError) {
        var total = 0
        for value in try hrefs(in: data, path: path) {
            guard let uri = value else { throw MediaError(.embeddedImageUnreadable, path: path) }
            guard let bytes = dataURIBytes(uri) else { continue }
            guard let format = RasterHeader.format(of: bytes), let header = RasterHeader.read(bytes, as: format) else {
                throw MediaError(.embeddedImageUnreadable, path: path)
            }
            guard header.fits(maxPixels: maxPixels, maxSide: Picture.maxSidePixels) else {
                throw MediaError(
                    .embeddedImageTooLarge(width: header.width, height: header.height, limit: maxPixels), path: path)
            }
            total += header.width * header.height
            guard total <= maxPixels else {
                throw MediaError(.embeddedImagesTooLarge(pixels: total, limit: maxPixels), path: path)
            }
        }
    }

    /// libxml2's options: no network, no DTD loaded, no entity substituted, no noise on stderr.
    static let parseOptions = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// The value of every `href` attribute in the document, in document order; nil for one
    /// that uses an entity reference, and for each entity used in an element's content.
    static func hrefs(in data: Data, path: String) throws(MediaError) -> [String?] {
        let document = data.withUnsafeBytes { bytes in
            xmlReadMemory(
                bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(clamping: bytes.count), nil, nil,
                parseOptions)
        }
        guard let document else { throw MediaError(.unreadableSVG("not well-formed XML"), path: path) }
        defer { xmlFreeDoc(document) }
        var found: [String?] = []
        var stack: [xmlNodePtr] = xmlDocGetRootElement(document).map { [$0] } ?? []
        while let node = stack.popLast() {
            var attribute = node.pointee.properties
            while let current = attribute {
                if name(current.pointee.name) == "href" { found.append(value(of: current)) }
                attribute = current.pointee.next
            }
            var child = node.pointee.children
            var children: [xmlNodePtr] = []
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { children.append(current) }
                // librsvg expands entities, which may hold elements this walk does not see.
                if current.pointee.type == XML_ENTITY_REF_NODE { found.append(nil) }
                child = current.pointee.next
            }
            stack += children.reversed()
        }
        return found
    }

    /// An attribute's text; nil when an entity reference is part of it.
    static func value(of attribute: xmlAttrPtr) -> String? {
        var text = ""
        var part = attribute.pointee.children
        while let current = part {
            guard current.pointee.type == XML_TEXT_NODE else { return nil }
            text += name(current.pointee.content)
            part = current.pointee.next
        }
        return text
    }

    static func name(_ text: UnsafePointer<xmlChar>?) -> String {
        guard let text else { return "" }
        return String(cString: text)
    }

    static func name(_ text: UnsafeMutablePointer<xmlChar>?) -> String { name(UnsafePointer(text)) }

    /// The bytes of a `data:` URI (base64 or percent-encoded), nil when `uri` is not one.
    static func dataURIBytes(_ uri: String) -> Data? {
        let trimmed = String(uri.drop { $0.isWhitespace })
        guard trimmed.lowercased().hasPrefix("data:") else { return nil }
        guard let comma = trimmed.firstIndex(of: ",") else { return Data() }
        let parameters = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 5)..<comma].lowercased()
        let payload = percentDecoded(String(trimmed[trimmed.index(after: comma)...]))
        guard parameters.split(separator: ";").contains("base64") else { return Data(payload) }
        return Data(base64Encoded: Data(payload), options: .ignoreUnknownCharacters) ?? Data()
    }

    /// `%XX` escapes decoded; everything else as its UTF-8 bytes.
    static func percentDecoded(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let byte = UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                out.append(byte)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}
