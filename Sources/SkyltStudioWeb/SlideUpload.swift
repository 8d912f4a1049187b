import Foundation
import SkyltBundle
import SkyltCompose
import SkyltHTTP
import SkyltStore
import SkyltStudio

/// An image uploaded with a slide form: checked by its bytes, stored by its hash.
///
/// The order is the point: the size cap, then the type by the bytes' signature (never by the
/// browser's name or type), then the pixel size read from the header, and only then a real
/// decode by the player's own loader. The browser's file name is only ever shown as text.
/// SVG is not taken: librsvg follows references to other files, which an upload must not have.
enum SlideUpload {
    static let maxUploadBytes = 8 << 20
    static let maxSidePixels = 8000
    /// The player's own decoding cap, so that what the studio takes the kiosks can show.
    static var maxPixels: Int { ImageCheck.maxPixels }

    /// Why an upload was refused, for the field's error.
    enum Refusal: Error, Equatable {
        case tooLarge(bytes: Int)
        case notAnImage
        case tooManyPixels(width: Int, height: Int)
        case undecodable

        func message(_ context: WebContext, filename: String) -> String {
            let name = filename.isEmpty ? context.t("Filen", "The file") : "”\(filename)”"
            switch self {
            case .tooLarge(let bytes):
                return context.t(
                    "\(name) är \(bytes / 1_048_576 + 1) MB. En bild får vara högst \(maxUploadBytes >> 20) MB.",
                    "\(name) is \(bytes / 1_048_576 + 1) MB. An image may be at most \(maxUploadBytes >> 20) MB.")
            case .notAnImage:
                return context.t(
                    "\(name) är ingen PNG-, JPEG- eller WebP-bild. Spara bilden i ett av de formaten.",
                    "\(name) is not a PNG, JPEG or WebP image. Save the picture in one of those formats.")
            case .tooManyPixels(let width, let height):
                return context.t(
                    "\(name) är \(width)×\(height) bildpunkter. Största storlek är \(maxSidePixels) bildpunkter per sida och \(maxPixels / 1_000_000) megapixel.",
                    "\(name) is \(width)×\(height) pixels. The largest size is \(maxSidePixels) pixels a side and \(maxPixels / 1_000_000) megapixels."
                )
            case .undecodable:
                return context.t(
                    "\(name) går inte att läsa som bild. Filen kan vara trasig.",
                    "\(name) cannot be read as an image. The file may be damaged.")
            }
        }
    }

    /// Checks `file` and stores it; returns the path the slide references it by,
    /// `media/<sha256>.<ext>`.
    static func store(_ file: HTTPUploadedFile, in studio: Studio) throws -> String {
        guard file.data.count <= maxUploadBytes else { throw Refusal.tooLarge(bytes: file.data.count) }
        guard let header = ImageHeader.read(file.data) else { throw Refusal.notAnImage }
        guard header.width > 0, header.height > 0, header.width <= maxSidePixels, header.height <= maxSidePixels,
            header.width * header.height <= maxPixels
        else { throw Refusal.tooManyPixels(width: header.width, height: header.height) }
        try decode(file.data, as: header, studio: studio)
        let hash = try studio.media.put(file.data)
        return SlideMedia.uploadPath(hash: hash, fileExtension: header.kind.fileExtension)
    }

    /// Decodes the bytes with the player's loader, from a file of our own naming under the
    /// studio's `tmp/` (the loader reads files, and picks its decoder by the extension).
    private static func decode(_ data: Data, as header: ImageHeader, studio: Studio) throws {
        let folder = studio.folder.stagingFolder
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let file = folder.appendingPathComponent("upload-\(UUID().uuidString).\(header.kind.fileExtension)")
        defer { try? FileManager.default.removeItem(at: file) }
        try data.write(to: file)
        do {
            let size = try ImageCheck.decodedSize(of: file)
            guard size.width == header.width, size.height == header.height else { throw Refusal.undecodable }
        } catch is MediaError {
            throw Refusal.undecodable
        }
    }

    /// The hidden field that carries an upload's proof from a preview to the save.
    static let proofField = "image.proof"

    /// Proof that this user uploaded `path` for this channel: an HMAC-SHA-256 under the
    /// server's own key (`StudioWeb.uploadKey`, never sent anywhere) of the user, the channel
    /// and the path. An upload is kept between a preview and the save through the form's hidden
    /// `image.current`; without the proof anyone could post another channel's upload path
    /// there and take its file, and nothing a browser holds lets it make one.
    static func proof(_ path: String, _ context: WebContext) -> String {
        context.web.uploadKey.tag(proofMessage(path, context))
    }

    static func proofMessage(_ path: String, _ context: WebContext) -> String {
        "skylt-upload\n\(context.session?.userID ?? 0)\n\(context.channel?.channel.id ?? 0)\n\(path)"
    }

    /// The upload paths this post may use: the file uploaded now, else the form's current
    /// image when it carries this session's proof.
    static func accepted(uploaded: String?, values: SlideFormValues, _ context: WebContext) -> Set<String> {
        if let uploaded { return [uploaded] }
        let current = values.value(SlideFormValues.currentImageField)
        guard SlideMedia.uploadHash(current) != nil, context.session != nil,
            context.web.uploadKey.verify(values.value(proofField), of: proofMessage(current, context))
        else { return [] }
        return [current]
    }
}
