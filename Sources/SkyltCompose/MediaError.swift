import SkyltCore

/// A media file could not be used. `code` says why, with the figures behind it, so that a
/// caller (and a test) can tell a FIFO from a picture that is too large without reading words;
/// `reason` words it for people, in this one place.
public struct MediaError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The file could not be opened or read: the system's reason.
        case unreadable(errno: Int32)
        /// A folder, FIFO, socket or device: never opened for reading.
        case notRegularFile
        case fileTooLarge(bytes: Int, limit: Int)
        /// Not named .png, .jpg, .jpeg, .webp or .svg.
        case unsupportedType
        /// Named as a raster image, but the bytes are no PNG, JPEG or WebP.
        case notAnImage
        /// The format's library could not read the header.
        case unreadableHeader
        /// The header's size is over the pixel cap, or a side over the side cap.
        case tooManyPixels(width: Int, height: Int, limit: Int)
        /// The decoder failed (its words), or gave another size than the header said.
        case undecodable(String)
        /// librsvg could not read the SVG (its words).
        case unreadableSVG(String)
        /// The SVG gives no size at all.
        case noSize
        /// The SVG's intrinsic size is larger than the side cap.
        case svgTooLarge(width: Double, height: Double, limit: Int)
        /// An image embedded in the SVG (a `data:` URI) is over the pixel cap.
        case embeddedImageTooLarge(width: Int, height: Int, limit: Int)
        /// The SVG's embedded images have more pixels than the cap together.
        case embeddedImagesTooLarge(pixels: Int, limit: Int)
        /// An embedded image is not a PNG, JPEG or WebP whose header can be read, or it is
        /// given through an entity, which the check cannot see through.
        case embeddedImageUnreadable
        /// librsvg could not render the SVG (its words).
        case cannotRender(String)
    }

    public var code: Code
    public var path: String

    public init(_ code: Code, path: String) {
        self.code = code
        self.path = path
    }

    init(_ error: RegularFileError) {
        switch error.code {
        case .system(let number): self.init(.unreadable(errno: number), path: error.path)
        case .notRegularFile: self.init(.notRegularFile, path: error.path)
        case .tooLarge(let bytes, let limit): self.init(.fileTooLarge(bytes: bytes, limit: limit), path: error.path)
        }
    }

    /// Why, in words, without the path.
    public var reason: String {
        switch code {
        case .unreadable(let number): FileProblem.reason(number)
        case .notRegularFile: "is not a regular file (a folder, FIFO, socket or device)"
        case .fileTooLarge(let bytes, let limit): "is \(bytes) bytes; the limit is \(limit)"
        case .unsupportedType: "not a PNG, JPEG, WebP or SVG file"
        case .notAnImage: "is not a PNG, JPEG or WebP image"
        case .unreadableHeader: "not a readable image: its header is damaged"
        case .tooManyPixels(let width, let height, let limit): Self.pixels(width, height, limit)
        case .undecodable(let detail): "not a readable image: " + detail
        case .unreadableSVG(let detail): "not a readable SVG: " + detail
        case .noSize: "the SVG has no size (give it width and height or a viewBox)"
        case .svgTooLarge(let width, let height, let limit):
            "the SVG is \(Int(width.rounded()))x\(Int(height.rounded())) pixels; a side may be at most \(limit)"
        case .embeddedImageTooLarge(let width, let height, let limit):
            "embeds an image that " + Self.pixels(width, height, limit)
        case .embeddedImagesTooLarge(let pixels, let limit):
            "embeds images of \(pixels) pixels together; the limit is \(limit) pixels"
        case .embeddedImageUnreadable: "embeds an image (a data: URI) that is not a readable PNG, JPEG or WebP"
        case .cannotRender(let detail): "cannot render: " + detail
        }
    }

    static func pixels(_ width: Int, _ height: Int, _ limit: Int) -> String {
        "is \(width)x\(height) pixels (\(width * height)); the limit is \(limit) pixels and \(Picture.maxSidePixels) a side"
    }

    public var description: String { "\(path): \(reason)" }
}
