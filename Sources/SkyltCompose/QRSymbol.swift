internal import CCairo
internal import CQRencode
import SkyltCore

/// A QR symbol: a square of dark and light modules, made by libqrencode at error-correction
/// level M (about 15% of the symbol may be damaged or glared and it still scans).
public struct QRSymbol: Sendable, Equatable {
    /// Modules per side, without the quiet zone.
    public let size: Int
    let dark: [Bool]

    /// Encodes `text` as UTF-8 bytes, in `minimumVersion` or the smallest larger version it
    /// fits (0: the smallest that fits). Nil when it does not fit in any QR version.
    public init?(_ text: String, minimumVersion: Int = 0) {
        guard let code = QRcode_encodeString8bit(text, Int32(min(max(minimumVersion, 0), 40)), QR_ECLEVEL_M)
        else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        size = width
        dark = (0..<(width * width)).map { code.pointee.data[$0] & 1 == 1 }
    }

    public func isDark(row: Int, column: Int) -> Bool { dark[row * size + column] }
}

/// Draws QR symbols with crisp, whole-pixel modules on a light plate.
extension Canvas {
    /// Draws `symbol` with its quiet zone, its top-left corner (of the quiet zone) at `origin`.
    /// Returns the rectangle of the symbol itself.
    func drawQR(_ symbol: QRSymbol, modulePixels: Int, at origin: (x: Double, y: Double)) -> Rect {
        let quiet = Double(Legibility.qrQuietZoneModules * modulePixels)
        let side = Double(symbol.size * modulePixels)
        let x0 = origin.x.rounded(.down)
        let y0 = origin.y.rounded(.down)
        fill(Rect(x: x0, y: y0, width: side + 2 * quiet, height: side + 2 * quiet), .white)
        setColor(.black)
        let m = Double(modulePixels)
        for row in 0..<symbol.size {
            for column in 0..<symbol.size where symbol.isDark(row: row, column: column) {
                cairo_rectangle(cr, x0 + quiet + Double(column) * m, y0 + quiet + Double(row) * m, m, m)
            }
        }
        let antialias = cairo_get_antialias(cr)
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE)
        cairo_fill(cr)
        cairo_set_antialias(cr, antialias)
        return Rect(x: x0 + quiet, y: y0 + quiet, width: side, height: side)
    }
}
