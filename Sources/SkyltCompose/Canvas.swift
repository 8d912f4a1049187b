internal import CCairo
import SkyltCore

/// A cairo image surface being drawn on. One canvas composes one frame on one thread;
/// `finish()` hands its pixels over as an immutable `Frame`.
final class Canvas {
    let surface: OpaquePointer
    let cr: OpaquePointer
    let width: Int
    let height: Int
    private var finished = false

    init(width: Int, height: Int) {
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))!
        cr = cairo_create(surface)!
        self.width = width
        self.height = height
    }

    deinit {
        cairo_destroy(cr)
        if !finished { cairo_surface_destroy(surface) }
    }

    var bounds: Rect { Rect(x: 0, y: 0, width: Double(width), height: Double(height)) }

    func finish() -> Frame {
        finished = true
        cairo_surface_reference(surface)
        let frame = Frame(surface: surface)
        cairo_surface_destroy(surface)
        return frame
    }

    func setColor(_ color: Color, alpha: Double = 1) {
        cairo_set_source_rgba(cr, color.red, color.green, color.blue, alpha)
    }

    func fill(_ rect: Rect, _ color: Color, alpha: Double = 1) {
        setColor(color, alpha: alpha)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr)
    }

    func fillRounded(_ rect: Rect, radius: Double, _ color: Color) {
        setColor(color)
        Self.roundedPath(cr, rect, radius: radius)
        cairo_fill(cr)
    }

    /// Adds a rectangle with corners of `radius` (at most half its short side) to the path.
    static func roundedPath(_ cr: OpaquePointer, _ rect: Rect, radius: Double) {
        let r = min(radius, rect.width / 2, rect.height / 2)
        cairo_new_sub_path(cr)
        cairo_arc(cr, rect.maxX - r, rect.y + r, r, -Double.pi / 2, 0)
        cairo_arc(cr, rect.maxX - r, rect.maxY - r, r, 0, Double.pi / 2)
        cairo_arc(cr, rect.x + r, rect.maxY - r, r, Double.pi / 2, Double.pi)
        cairo_arc(cr, rect.x + r, rect.y + r, r, Double.pi, 3 * Double.pi / 2)
        cairo_close_path(cr)
    }

    /// Runs `body` with drawing clipped to `rect`, restoring the state afterwards.
    func clipped(to rect: Rect, _ body: () throws -> Void) rethrows {
        cairo_save(cr)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
        defer { cairo_restore(cr) }
        try body()
    }
}
