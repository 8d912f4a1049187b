import SkyltCore

/// The one place and size a kiosk gives a slide's single QR code: code, quiet zone and label
/// at the bottom of the side column in landscape, at the bottom centre in portrait, so that
/// people learn where to look. Codes are encoded at least at one version, so that short and
/// long links make codes of the same size.
extension SlidePainter {
    /// Version 5 (37 modules) holds links and Wi-Fi logins of up to 84 bytes at level M.
    static let blockVersion = 5
    static let blockModules = 37

    /// The side column codes and images sit in, in landscape: the last four of twelve columns.
    var sideColumn: Rect { grid.span(8, 4) }

    /// Pixels per module of a block code: a third over the scannable minimum, for reading
    /// from further away.
    var blockModulePixels: Int {
        let minimum = legibility.qrModulePixels(modules: Self.blockModules)
        return Int((Double(minimum) * 4 / 3).rounded())
    }

    /// Side of the block's light plate (symbol and quiet zone).
    var blockPlateSide: Double {
        Double((Self.blockModules + 2 * Legibility.qrQuietZoneModules) * blockModulePixels)
    }

    /// The block's box: plate and a label of `labelLines` lines under it, anchored to the safe
    /// area's bottom. Templates keep clear of the box with a one-line label, as labels are.
    func qrBlockBox(labelLines: Int = 1) -> Rect {
        let safe = safeArea.rect
        let height = blockPlateSide + gap / 2 + captionLineHeight * Double(labelLines)
        let column = isPortrait ? safe : sideColumn
        return Rect(x: column.x, y: safe.maxY - height, width: column.width, height: height)
    }

    /// Draws the block's code and label. A payload too long for the block's version grows the
    /// symbol; its modules shrink to keep the plate's size while they stay scannable.
    @discardableResult
    func qrBlock(_ field: String, payload: String, label: String?) throws(ComposeError) -> Rect {
        guard let symbol = QRSymbol(payload, minimumVersion: Self.blockVersion) else {
            throw fail(field, "is too long for a QR code")
        }
        let quiet = 2 * Legibility.qrQuietZoneModules
        let fitting = Int(blockPlateSide) / (symbol.size + quiet)
        let pixels = max(legibility.qrModulePixels(modules: symbol.size), min(blockModulePixels, fitting))
        var box = qrBlockBox()
        if let label {
            // A label that needs more lines lifts the code by a line each, on this slide only.
            for lines in 1...3 {
                box = qrBlockBox(labelLines: lines)
                let labelBox = box.sliceBottom(box.height - blockPlateSide - gap / 2).0
                if (try? fitter.fit(label, field: field, in: labelBox, style: style(.caption, center: true))) != nil {
                    break
                }
            }
        } else {
            box = box.sliceBottom(blockPlateSide).0
        }
        return try code(field, symbol: symbol, payload: payload, label: label, in: box, modulePixels: pixels)
    }
}
