internal import CCairo
public import FoundationEssentials
@preconcurrency import Glibc

/// A composed slide: 32-bit premultiplied ARGB pixels in native byte order, which is cairo's
/// `CAIRO_FORMAT_ARGB32` and SDL's `SDL_PIXELFORMAT_ARGB8888`, so a frame becomes a texture in
/// one copy.
///
/// Immutable once composed, so it may be read from any thread (the status page's screenshot).
///
/// `@unchecked` because the cairo surface is an `OpaquePointer`, which the compiler cannot
/// check. It is safe: the surface is flushed in `init` and never drawn on afterwards (every
/// method only reads its pixels or uses it as a source for a new surface), cairo's reference
/// count is atomic, and it is destroyed only in `deinit`, when no other reference exists.
public final class Frame: @unchecked Sendable {
    let surface: OpaquePointer
    public let width: Int
    public let height: Int
    /// Bytes per row; may exceed `width * 4`.
    public let stride: Int

    /// Takes ownership of a flushed cairo image surface.
    init(surface: OpaquePointer) {
        cairo_surface_flush(surface)
        self.surface = surface
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        stride = Int(cairo_image_surface_get_stride(surface))
    }

    deinit { cairo_surface_destroy(surface) }

    /// Calls `body` with the first pixel row; rows are `stride` bytes apart.
    public func withPixels<R>(_ body: (UnsafeRawPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawPointer(cairo_image_surface_get_data(surface)!))
    }

    /// The pixel at (x, y) as 0xAARRGGBB.
    public func pixel(x: Int, y: Int) -> UInt32 {
        withPixels { $0.load(fromByteOffset: y * stride + x * 4, as: UInt32.self) }
    }

    /// Writes a PNG atomically: to a temporary file in the same folder, then renamed, so a
    /// reader never sees half a picture.
    public func writePNG(to url: URL) throws(FrameError) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let status = cairo_surface_write_to_png(surface, temporary.path)
        guard status == CAIRO_STATUS_SUCCESS else {
            unlink(temporary.path)
            throw FrameError(path: url.path, reason: String(cString: cairo_status_to_string(status)))
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw FrameError(path: url.path, reason: reason)
        }
    }

    /// The PNG bytes of the frame.
    public func pngData() throws(FrameError) -> Data {
        final class Sink { var data = Data() }
        let sink = Sink()
        let status = cairo_surface_write_to_png_stream(
            surface,
            { closure, bytes, length in
                let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
                sink.data.append(bytes!, count: Int(length))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque())
        guard status == CAIRO_STATUS_SUCCESS else {
            throw FrameError(path: "<memory>", reason: String(cString: cairo_status_to_string(status)))
        }
        return sink.data
    }

    /// Reads a PNG file, for previews and tests.
    public static func readPNG(from url: URL) throws(FrameError) -> Frame {
        let surface = cairo_image_surface_create_from_png(url.path)!
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw FrameError(path: url.path, reason: String(cString: cairo_status_to_string(status)))
        }
        if cairo_image_surface_get_format(surface) != CAIRO_FORMAT_ARGB32 {
            let converted = cairo_image_surface_create(
                CAIRO_FORMAT_ARGB32, cairo_image_surface_get_width(surface), cairo_image_surface_get_height(surface))!
            let cr = cairo_create(converted)!
            cairo_set_source_surface(cr, surface, 0, 0)
            cairo_paint(cr)
            cairo_destroy(cr)
            cairo_surface_destroy(surface)
            return Frame(surface: converted)
        }
        return Frame(surface: surface)
    }

    /// A copy scaled by `factor` with a good filter (previews, thumbnails, scan tests).
    public func scaled(by factor: Double) -> Frame {
        let w = max(1, Int((Double(width) * factor).rounded()))
        let h = max(1, Int((Double(height) * factor).rounded()))
        let target = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(w), Int32(h))!
        let cr = cairo_create(target)!
        cairo_scale(cr, Double(w) / Double(width), Double(h) / Double(height))
        cairo_set_source_surface(cr, surface, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD)
        cairo_paint(cr)
        cairo_destroy(cr)
        return Frame(surface: target)
    }
}

/// A frame could not be written or read.
public struct FrameError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
