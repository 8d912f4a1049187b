internal import CCairo
internal import CRsvg
internal import CSDL2
internal import CSDLImage
import FoundationEssentials
@preconcurrency import Glibc
public import SkyltCore

/// How an image fills its box: the editor's choice in a playlist, the template's otherwise.
typealias ImageFit = ImageFraming.Fit

/// A decoded image, ready to draw: raster media as a cairo surface, SVG as a librsvg handle
/// that renders at whatever size the box needs.
final class Picture {
    /// Media files larger than this are refused before decoding.
    static let maxFileBytes = 32 << 20
    /// Rasters larger than this are refused (about 8K x 4K), by their header before decoding.
    static let maxPixels = 36_000_000
    /// Nor may a side be longer than this (a 1 x 36,000,000 strip is no picture, and more than
    /// cairo's 32767 a side would fail to draw); it caps an SVG's intrinsic size too.
    static let maxSidePixels = 16_384

    private enum Storage {
        case raster(OpaquePointer)
        case svg(UnsafeMutablePointer<RsvgHandle>)
    }

    private let storage: Storage
    let width: Double
    let height: Double

    /// Reads and decodes a medium. Only a regular file within `maxFileBytes` is read (a FIFO
    /// or device is refused without waiting), and it is decoded from those bytes in memory,
    /// never reopened by name; a raster's size comes from its header and is capped before any
    /// decoder allocates for it, an SVG's embedded images likewise before librsvg loads them.
    init(contentsOf url: URL) throws(MediaError) {
        let path = url.path
        guard let kind = MediaKind(path: path) else { throw MediaError(.unsupportedType, path: path) }
        let data: Data
        do { data = try POSIXFile.readRegular(path, limit: Self.maxFileBytes) } catch { throw MediaError(error) }
        switch kind {
        case .svg:
            let (handle, size) = try Self.loadSVG(data, path: path)
            storage = .svg(handle)
            (width, height) = size
        case .raster:
            let surface = try Self.decodeRaster(data, path: path)
            storage = .raster(surface)
            width = Double(cairo_image_surface_get_width(surface))
            height = Double(cairo_image_surface_get_height(surface))
        }
    }

    deinit {
        switch storage {
        case .raster(let surface): cairo_surface_destroy(surface)
        case .svg(let handle): skylt_rsvg_free(handle)
        }
    }

    /// An SVG whose embedded images are within the caps, loaded by librsvg from memory, with
    /// its intrinsic size (each side at most `maxSidePixels`).
    private static func loadSVG(_ data: Data, path: String) throws(MediaError) -> (
        UnsafeMutablePointer<RsvgHandle>, (Double, Double)
    ) {
        try SVGEmbeds.check(data, path: path)
        var message = [CChar](repeating: 0, count: 512)
        let loaded = data.withUnsafeBytes { bytes in
            skylt_rsvg_load_data(
                bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), bytes.count, &message, message.count)
        }
        guard let handle = loaded else { throw MediaError(.unreadableSVG(cText(message)), path: path) }
        var w = 0.0
        var h = 0.0
        guard skylt_rsvg_size(handle, &w, &h) == 1, w >= 1, h >= 1, w.isFinite, h.isFinite else {
            skylt_rsvg_free(handle)
            throw MediaError(.noSize, path: path)
        }
        guard w <= Double(maxSidePixels), h <= Double(maxSidePixels) else {
            skylt_rsvg_free(handle)
            throw MediaError(.svgTooLarge(width: w, height: h, limit: maxSidePixels), path: path)
        }
        return (handle, (w, h))
    }

    /// Decodes with SDL2_image and converts to cairo's premultiplied ARGB32.
    ///
    /// Compose touches SDL only here: SDL2_image is its PNG, JPEG and WebP decoder, and it
    /// hands back an `SDL_Surface`, which SDL itself must convert and free (hence the direct
    /// `CSDL2` import rather than reaching SDL through SDL2_image's headers). The header is
    /// checked first, and SDL2_image is told the format it names, so no other decoder (or a
    /// format without a signature) gets the bytes. The pixels are copied into a cairo surface
    /// at once, so no SDL type leaves this function.
    private static func decodeRaster(_ data: Data, path: String) throws(MediaError) -> OpaquePointer {
        let header = try RasterHeader.checked(data, path: path)
        let decoded = data.withUnsafeBytes { bytes -> UnsafeMutablePointer<SDL_Surface>? in
            guard let stream = SDL_RWFromConstMem(bytes.baseAddress, Int32(bytes.count)) else { return nil }
            return IMG_LoadTyped_RW(stream, 1, header.format.sdlType)
        }
        guard let loaded = decoded else {
            throw MediaError(.undecodable(String(cString: SDL_GetError())), path: path)
        }
        let w = Int(loaded.pointee.w)
        let h = Int(loaded.pointee.h)
        guard w == header.width, h == header.height else {
            SDL_FreeSurface(loaded)
            let detail = "decoded as \(w)x\(h) pixels, but its header says \(header.width)x\(header.height)"
            throw MediaError(.undecodable(detail), path: path)
        }
        let converted = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888.rawValue, 0)
        // Freed before cairo's copy is made: two copies of a large picture at once, not three.
        SDL_FreeSurface(loaded)
        guard let argb = converted else {
            throw MediaError(.undecodable("cannot convert pixels: " + String(cString: SDL_GetError())), path: path)
        }
        defer { SDL_FreeSurface(argb) }
        return premultipliedSurface(argb, width: w, height: h)
    }

    /// A cairo ARGB32 surface with the pixels of `argb` (straight alpha), premultiplied.
    private static func premultipliedSurface(_ argb: UnsafeMutablePointer<SDL_Surface>, width w: Int, height h: Int)
        -> OpaquePointer
    {
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
                throw MediaError(.cannotRender(cText(message)), path: "svg")
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
