import Foundation

/// The type and pixel size of an image, read from its first bytes only, so that an upload can
/// be refused before anything decodes it (a small file may claim billions of pixels).
struct ImageHeader: Equatable {
    enum Kind: String {
        case png, jpeg, webp

        /// The extension the stored path gets; the loader picks its decoder by it.
        var fileExtension: String {
            switch self {
            case .png: "png"
            case .jpeg: "jpg"
            case .webp: "webp"
            }
        }
    }

    var kind: Kind
    var width: Int
    var height: Int

    /// JPEG segments read before giving up on finding the frame header.
    static let maxJPEGSegments = 512

    /// The kind by the bytes' signature and the size from the header; nil when the bytes are
    /// none of the kinds, or their header is cut short.
    static func read(_ data: Data) -> ImageHeader? {
        let bytes = [UInt8](data.prefix(64 * 1024))
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return png(bytes) }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return jpeg(bytes) }
        if bytes.count >= 30, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            return webp(bytes)
        }
        return nil
    }

    /// PNG: the first chunk is IHDR, its width and height big-endian.
    private static func png(_ bytes: [UInt8]) -> ImageHeader? {
        guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        return ImageHeader(kind: .png, width: bigEndian(bytes, 16, 4), height: bigEndian(bytes, 20, 4))
    }

    /// JPEG: walks the segments to the first start-of-frame marker (SOF0–SOF15 but the DHT,
    /// JPG and DAC markers), which holds height and width.
    private static func jpeg(_ bytes: [UInt8]) -> ImageHeader? {
        var index = 2
        for _ in 0..<maxJPEGSegments {
            while index < bytes.count, bytes[index] == 0xFF { index += 1 }
            guard index + 3 < bytes.count else { return nil }
            let marker = bytes[index]
            let length = bigEndian(bytes, index + 1, 2)
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard index + 8 < bytes.count else { return nil }
                return ImageHeader(
                    kind: .jpeg, width: bigEndian(bytes, index + 6, 2), height: bigEndian(bytes, index + 4, 2))
            }
            guard length >= 2 else { return nil }
            index += 1 + length
        }
        return nil
    }

    /// WebP: the lossy (VP8), lossless (VP8L) or extended (VP8X) header's size fields.
    private static func webp(_ bytes: [UInt8]) -> ImageHeader? {
        let chunk = String(decoding: bytes[12..<16], as: UTF8.self)
        switch chunk {
        case "VP8X":
            return ImageHeader(
                kind: .webp, width: littleEndian(bytes, 24, 3) + 1, height: littleEndian(bytes, 27, 3) + 1)
        case "VP8L":
            guard bytes[20] == 0x2F else { return nil }
            let bits = littleEndian(bytes, 21, 4)
            return ImageHeader(kind: .webp, width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        case "VP8 ":
            return ImageHeader(
                kind: .webp, width: littleEndian(bytes, 26, 2) & 0x3FFF, height: littleEndian(bytes, 28, 2) & 0x3FFF)
        default:
            return nil
        }
    }

    private static func bigEndian(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int {
        guard offset + count <= bytes.count else { return 0 }
        return bytes[offset..<offset + count].reduce(0) { $0 << 8 | Int($1) }
    }

    private static func littleEndian(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int {
        guard offset + count <= bytes.count else { return 0 }
        return bytes[offset..<offset + count].reversed().reduce(0) { $0 << 8 | Int($1) }
    }
}
