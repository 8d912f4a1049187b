internal import CCairo
internal import CRsvg
internal import CSDL2
internal import CSDLImage
import FoundationEssentials
@preconcurrency import Glibc
public import SkyltCore

/// How an image fills its box: the editor's choice in a playlist, the template's otherwise.
typealias ImageFit = ImageFraming.Fit

/// A media file could not be used.
public struct MediaError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// A decoded image, ready to draw: raster media as a cairo surface, SVG as a librsvg handle
/// that renders at whatever size the box needs.
final class Picture {
    /// Media files larger than this are refused before decoding.
    static let maxFileBytes = 32 << 20
    /// Decoded rasters larger than this are refused (about 8K x 4K).
    static let maxPixels = 36_000_000

    private enum Storage {
        case raster(OpaquePointer)
        case svg(UnsafeMutablePointer<RsvgHandle>)
    }

    private let storage: Storage
    let width: Double
    let height: Double

    init(contentsOf url: URL) throws(MediaError) {
        let path = url.path
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw MediaError(path: path, reason: String(cString: strerror(errno)))
        }
        guard info.st_size <= Self.maxFileBytes else {
            throw MediaError(path: path, reason: "is \(info.st_size) bytes; the limit is \(Self.maxFileBytes)")
        }
        switch MediaKind(path: path) {
        case .svg:
            var message = [CChar](repeating: 0, count: 512)
            guard let handle = skylt_rsvg_load(path, &message, message.count) else {
                throw MediaError(path: path, reason: "not a readable SVG: " + cText(message))
            }
            var w = 0.0
            var h = 0.0
            guard skylt_rsvg_size(handle, &w, &h) == 1, w >= 1, h >= 1, w.isFinite, h.isFinite else {
                skylt_rsvg_free(handle)
                throw MediaError(path: path, reason: "the SVG has no size (give it width and height or a viewBox)")
            }
            storage = .svg(handle)
            width = w
            height = h
        case .raster:
            let surface = try Self.decodeRaster(path)
            storage = .raster(surface)
            width = Double(cairo_image_surface_get_width(surface))
            height = Double(cairo_image_surface_get_height(surface))
        case nil:
            throw MediaError(path: path, reason: "not a PNG, JPEG, WebP or SVG file")
        }
    }

    deinit {
        switch storage {
        case .raster(let surface): cairo_surface_destroy(surface)
        case .svg(let handle): skylt_rsvg_free(handle)
        }
    }

    /// Decodes with SDL2_image and converts to cairo's premultiplied ARGB32.
    ///
    /// Compose touches SDL only here: SDL2_image is its PNG, JPEG and WebP decoder, and it
    /// hands back an `SDL_Surface`, which SDL itself must convert and free (hence the direct
    /// `CSDL2` import rather than reaching SDL through SDL2_image's headers). The pixels are
    /// copied into a cairo surface at once, so no SDL type leaves this function.
    private static func decodeRaster(_ path: String) throws(MediaError) -> OpaquePointer {
        guard let loaded = IMG_Load(path) else {
            throw MediaError(path: path, reason: "not a readable image: " + String(cString: SDL_GetError()))
        }
        defer { SDL_FreeSurface(loaded) }
        let w = Int(loaded.pointee.w)
        let h = Int(loaded.pointee.h)
        guard w > 0, h > 0, w * h <= maxPixels else {
            throw MediaError(path: path, reason: "is \(w)x\(h) pixels; the limit is \(maxPixels) pixels")
        }
        guard let argb = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888.rawValue, 0) else {
            throw MediaError(path: path, reason: "cannot convert pixels: " + String(cString: SDL_GetError()))
        }
        defer { SDL_FreeSurface(argb) }
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(w), Int32(h))!
        cairo_surface_flush(surface)
        let target = cairo_image_surface_get_data(surface)!
        let targetStride = Int(cairo_image_surface_get_stride(surface))
        let source = argb.pointee.pixels!.assumingMemoryBound(to: UInt8.self)
        let sourceStride = Int(argb.pointee.pitch)
        for y in 0..<h {
            let from = UnsafeRawPointer(source + y * sourceStride).assumingMemoryBound(to: UInt32.self)
            let to = UnsafeMutableRawPointer(target + y * targetStride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<w {
                to[x] = premultiplied(from[x])
            }
        }
        cairo_surface_mark_dirty(surface)
        return surface
    }

    /// SDL gives straight alpha; cairo wants colour channels multiplied by alpha.
    @inline(__always)
    private static func premultiplied(_ pixel: UInt32) -> UInt32 {
        let alpha = pixel >> 24
        if alpha == 255 { return pixel }
        if alpha == 0 { return 0 }
        let r = ((pixel >> 16) & 0xFF) * alpha / 255
        let g = ((pixel >> 8) & 0xFF) * alpha / 255
        let b = (pixel & 0xFF) * alpha / 255
        return (alpha << 24) | (r << 16) | (g << 8) | b
    }

    /// The rectangle the image takes in `box`: see `ImagePlacement`.
    func placement(in box: Rect, fit: ImageFit, focus: FocusPoint = .centre) -> Rect {
        ImagePlacement.rect(width: width, height: height, in: box, fit: fit, focus: focus)
    }

    /// Draws the image into `box`, clipped to it, and returns where the image itself went.
    /// `extend` fills what a contained image leaves of the box with its soft extension.
    @discardableResult
    func draw(on canvas: Canvas, in box: Rect, fit: ImageFit, focus: FocusPoint = .centre, extend: Bool = false)
        throws(MediaError) -> Rect
    {
        let target = placement(in: box, fit: fit, focus: focus)
        let cr = canvas.cr
        cairo_save(cr)
        defer { cairo_restore(cr) }
        cairo_rectangle(cr, box.x, box.y, box.width, box.height)
        cairo_clip(cr)
        if extend, fit == .contain, target.width < box.width - 1 || target.height < box.height - 1 {
            drawSoftExtension(on: canvas, in: box, shade: Self.extensionShade)
        }
        switch storage {
        case .raster(let surface):
            cairo_translate(cr, target.x, target.y)
            cairo_scale(cr, target.width / width, target.height / height)
            cairo_set_source_surface(cr, surface, 0, 0)
            cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD)
            cairo_paint(cr)
        case .svg(let handle):
            var message = [CChar](repeating: 0, count: 512)
            guard
                skylt_rsvg_render(handle, cr, target.x, target.y, target.width, target.height, &message, message.count)
                    == 1
            else {
                throw MediaError(path: "svg", reason: "cannot render: " + cText(message))
            }
        }
        return target
    }

    /// How dark the soft extension around a contained image is made: enough to set the image
    /// itself apart, little enough to keep its colours.
    static let extensionShade = 0.45

    /// The image shrunk to a few dozen pixels and stretched over `box` (a soft blur of its
    /// colours), then darkened by `shade`: the bands beside a whole image, or a poster's
    /// backdrop, look like part of it rather than empty. Nothing is drawn when the image
    /// cannot be drawn small.
    func drawSoftExtension(on canvas: Canvas, in box: Rect, shade: Double) {
        guard box.width >= 1, box.height >= 1 else { return }
        let small = Canvas(width: 12, height: max(4, Int(12 * box.height / box.width)))
        guard (try? draw(on: small, in: small.bounds, fit: .cover)) != nil else { return }
        cairo_surface_flush(small.surface)
        let cr = canvas.cr
        cairo_save(cr)
        cairo_rectangle(cr, box.x, box.y, box.width, box.height)
        cairo_clip(cr)
        cairo_translate(cr, box.x, box.y)
        cairo_scale(cr, box.width / Double(small.width), box.height / Double(small.height))
        cairo_set_source_surface(cr, small.surface, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BILINEAR)
        cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD)
        cairo_paint(cr)
        cairo_restore(cr)
        canvas.fill(box, Color(red: 0, green: 0, blue: 0), alpha: shade)
    }
}

/// Where an image goes in its box, apart from any drawing so that the geometry can be
/// checked on its own.
public enum ImagePlacement {
    /// The rectangle an image of `width` x `height` takes in `box`.
    ///
    /// Contain shows it whole, centred. Cover scales it to fill the box and slides it so that
    /// the focus point lands at the same relative place in the box as in the image (a focus at
    /// 80% of the width sits at 80% of the box's width): the crop window then always lies
    /// inside the image and always holds the focus, whatever the box's shape, so an editor's
    /// one point serves landscape and portrait alike. A focus outside 0–1 is clamped to the
    /// image's edges.
    public static func rect(
        width: Double, height: Double, in box: Rect, fit: ImageFraming.Fit, focus: FocusPoint = .centre
    ) -> Rect {
        // An empty box or image has nothing to place (and would divide by zero).
        guard width > 0, height > 0, box.width > 0, box.height > 0 else { return box }
        let scale =
            fit == .cover
            ? max(box.width / width, box.height / height) : min(box.width / width, box.height / height)
        let size = (width: width * scale, height: height * scale)
        guard fit == .cover else { return box.centered(width: size.width, height: size.height) }
        let fx = min(max(focus.x, 0), 1)
        let fy = min(max(focus.y, 0), 1)
        return Rect(
            x: box.x + fx * (box.width - size.width), y: box.y + fy * (box.height - size.height),
            width: size.width, height: size.height)
    }

    /// The part of the image, in its own pixels, that shows in `box`.
    public static func cropWindow(
        width: Double, height: Double, in box: Rect, fit: ImageFraming.Fit, focus: FocusPoint = .centre
    ) -> Rect {
        let target = rect(width: width, height: height, in: box, fit: fit, focus: focus)
        let shown = target.intersection(box)
        guard width > 0, target.width > 0 else { return Rect(x: 0, y: 0, width: width, height: height) }
        let scale = target.width / width
        return Rect(
            x: (shown.x - target.x) / scale, y: (shown.y - target.y) / scale, width: shown.width / scale,
            height: shown.height / scale)
    }
}

/// A NUL-terminated C buffer as a Swift string.
func cText(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
