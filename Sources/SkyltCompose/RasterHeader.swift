internal import CImageHeader
import FoundationEssentials

/// A raster image's format and size, read from its header by the format's own library
/// (libpng, libjpeg-turbo, libwebp) without decoding a pixel: what lets a picture be refused
/// for its size before a decoder allocates for it.
struct RasterHeader: Sendable, Equatable {
    enum Format: Sendable, Equatable {
        case png, jpeg, webp

        /// SDL2_image's name for the format, so that it uses that decoder and no other.
        var sdlType: String {
            switch self {
            case .png: "PNG"
            case .jpeg: "JPG"
            case .webp: "WEBP"
            }
        }
    }

    var format: Format
    var width: Int
    var height: Int

    /// The format told by the signature, or nil for bytes that are none of the three.
    static func format(of data: Data) -> Format? {
        let code = data.withUnsafeBytes { bytes in
            skylt_image_format(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
        }
        switch code {
        case Int32(SKYLT_IMAGE_PNG): return .png
        case Int32(SKYLT_IMAGE_JPEG): return .jpeg
        case Int32(SKYLT_IMAGE_WEBP): return .webp
        default: return nil
        }
    }

    /// The header of `data` in `format`, or nil when the library cannot read one.
    static func read(_ data: Data, as format: Format) -> RasterHeader? {
        let code: Int32 =
            switch format {
            case .png: Int32(SKYLT_IMAGE_PNG)
            case .jpeg: Int32(SKYLT_IMAGE_JPEG)
            case .webp: Int32(SKYLT_IMAGE_WEBP)
            }
        var width: UInt32 = 0
        var height: UInt32 = 0
        let ok = data.withUnsafeBytes { bytes in
            skylt_image_header(
                bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, code, &width, &height)
        }
        guard ok == 1, width > 0, height > 0 else { return nil }
        return RasterHeader(format: format, width: Int(width), height: Int(height))
    }

    /// Whether a picture of this size is within the caps: pixels in all, and each side.
    func fits(maxPixels: Int, maxSide: Int) -> Bool {
        width <= maxSide && height <= maxSide && width * height <= maxPixels
    }

    /// The header of `data` checked against the player's caps; the reason otherwise.
    static func checked(_ data: Data, path: String) throws(MediaError) -> RasterHeader {
        guard let format = format(of: data) else { throw MediaError(.notAnImage, path: path) }
        guard let header = read(data, as: format) else { throw MediaError(.unreadableHeader, path: path) }
        guard header.fits(maxPixels: Picture.maxPixels, maxSide: Picture.maxSidePixels) else {
            throw MediaError(
                .tooManyPixels(width: header.width, height: header.height, limit: Picture.maxPixels), path: path)
        }
        return header
    }
}
