import Foundation

/// Small image files whose headers claim what a test needs (a 30000x30000 PNG in a few
/// hundred bytes), written byte by byte, and solid-colour PNGs that decode for real.
enum HostileMedia {
    /// A PNG whose IHDR says `width` x `height` (8-bit RGBA, or 8-bit greyscale), followed by a
    /// short IDAT of zeros: the header is whole and valid, the pixel data only begins.
    static func png(width: Int, height: Int, greyscale: Bool = false) -> Data {
        let zeros = [UInt8](repeating: 0, count: 256)
        // A zlib stream's first, non-final stored block: what a long run of zero rows starts with.
        let idat: [UInt8] = [0x78, 0x01, 0x00, 0x00, 0x01, 0xFF, 0xFE] + zeros
        return pngFile(width: width, height: height, colourType: greyscale ? 0 : 6, idat: idat)
    }

    /// A whole, decodable RGB PNG of one colour (0xRRGGBB), stored uncompressed.
    static func solidPNG(width: Int, height: Int, rgb: UInt32) -> Data {
        let pixel: [UInt8] = [UInt8(rgb >> 16 & 0xFF), UInt8(rgb >> 8 & 0xFF), UInt8(rgb & 0xFF)]
        var raw: [UInt8] = []
        for _ in 0..<height { raw += [0] + Array([[UInt8]](repeating: pixel, count: width).joined()) }
        let length = UInt16(raw.count)
        let idat: [UInt8] =
            [0x78, 0x01, 0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            + raw + bigEndian(adler32(raw))
        return pngFile(width: width, height: height, colourType: 2, idat: idat)
    }

    static func pngFile(width: Int, height: Int, colourType: UInt8, idat: [UInt8]) -> Data {
        let ihdr = bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, colourType, 0, 0, 0]
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        return Data(signature + chunk("IHDR", ihdr) + chunk("IDAT", idat) + chunk("IEND", []))
    }

    /// A baseline JPEG header (quantisation table, frame, scan) saying `width` x `height`,
    /// with a few bytes of scan data.
    static func jpeg(width: Int, height: Int) -> Data {
        let table: [UInt8] = [0xFF, 0xDB, 0x00, 0x43, 0x00] + [UInt8](repeating: 1, count: 64)
        let frame: [UInt8] =
            [0xFF, 0xC0, 0x00, 0x0B, 0x08] + bigEndian16(height) + bigEndian16(width) + [1, 1, 0x11, 0]
        let scan: [UInt8] = [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]
        return Data([0xFF, 0xD8] + table + frame + scan + [UInt8](repeating: 0, count: 64) + [0xFF, 0xD9])
    }

    /// An extended WebP (VP8X) whose canvas is `width` x `height` (up to 2^24 a side).
    static func webpExtended(width: Int, height: Int) -> Data {
        let body: [UInt8] = [0x10, 0, 0, 0] + littleEndian24(width - 1) + littleEndian24(height - 1)
        return riff([UInt8]("VP8X".utf8) + littleEndian32(body.count) + body)
    }

    /// A lossless WebP (VP8L) header saying `width` x `height` (at most 16384 a side).
    static func webpLossless(width: Int, height: Int) -> Data {
        let bits = UInt32(width - 1) | UInt32(height - 1) << 14
        let body: [UInt8] = [0x2F] + littleEndian32(Int(bits)) + [0]
        return riff([UInt8]("VP8L".utf8) + littleEndian32(body.count) + body)
    }

    /// An SVG whose one `<image>` shows `image` through a `data:` URI in attribute `attribute`
    /// (`href` or `xlink:href`).
    static func svgEmbedding(_ images: [Data], attribute: String = "href", type: String = "image/png") -> Data {
        let elements = images.map {
            #"<image x="0" y="0" width="400" height="300" \#(attribute)="data:\#(type);base64,\#($0.base64EncodedString())"/>"#
        }
        return svg(elements.joined())
    }

    static func svg(_ content: String, doctype: String = "", size: String = #"width="400" height="300""#) -> Data {
        Data(
            """
            <?xml version="1.0"?>\(doctype)
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" \(size)>\(content)</svg>
            """.utf8)
    }

    static func riff(_ chunks: [UInt8]) -> Data {
        Data([UInt8]("RIFF".utf8) + littleEndian32(4 + chunks.count) + [UInt8]("WEBP".utf8) + chunks)
    }

    static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typed = [UInt8](type.utf8) + body
        return bigEndian(UInt32(body.count)) + typed + bigEndian(crc32(typed))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(value >> UInt32($0) & 0xFF) } }
    static func bigEndian16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    static func littleEndian24(_ value: Int) -> [UInt8] { [0, 8, 16].map { UInt8(value >> $0 & 0xFF) } }
    static func littleEndian32(_ value: Int) -> [UInt8] { [0, 8, 16, 24].map { UInt8(value >> $0 & 0xFF) } }
}
