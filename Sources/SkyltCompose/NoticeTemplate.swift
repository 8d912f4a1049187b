internal import CCairo
import FoundationEssentials
import SkyltCore

/// A notice: title, body and who issued it; an urgent one marked beyond doubt by a band across
/// the top in the theme's accent colour, with a warning sign and the word for "important".
extension Templates {
    func notice(title: LocalizedText, body: LocalizedText, qr: QRLink?, issuer: LocalizedText?)
        throws(ComposeError)
    {
        _ = painter.paintBackground()
        var top = safe.y
        if slide.slide.priority == .urgent { top = try urgentBand().maxY + gap * 2 }
        if let qr { try painter.qrBlock("qr.url", payload: qr.url, label: label(qr)) }
        let message = [
            stacked("title", painter.resolve(title)!, .title),
            stacked("body", painter.resolve(body)!, .body),
        ]
        let signature = painter.resolve(issuer).map { [stacked("issuer", $0, .caption)] } ?? []
        let below = { (box: Rect) in Rect(x: box.x, y: top, width: box.width, height: box.maxY - top) }
        var area = below(qr == nil ? textColumn(side: false) : textArea(image: nil, hasCode: true))
        // Without a code, ten columns keep lines short; all twelve when the texts need the room.
        if qr == nil, !portrait, measureAll(message + signature, in: area) == nil {
            area = below(painter.grid.span(0, 12))
        }
        guard qr != nil, !portrait, !signature.isEmpty else {
            // One group, centred in the room left (below the band, above the code).
            try spread(message + signature, [], in: area, between: 0)
            return
        }
        // The issuer signs at the bottom, on the line the code's block ends on.
        let sizes = try fitLevel([message, signature], in: area, between: painter.spacing(after: .title))
        try draw(signature, in: area.sliceBottom(sizes.heights[1] + 1).0, level: sizes.level)
        try draw(message, in: area.sliceTop(sizes.heights[0] + 1).0, level: sizes.level)
    }

    /// The height `texts` take at their largest sizes, or nil when they do not fit `box`.
    private func measureAll(_ texts: [StackedText], in box: Rect) -> Double? {
        (0..<3).lazy.compactMap { measure(texts, in: box, level: $0) }.first
    }

    /// The urgent band: from the frame's top edge (bleeding past the safe area) down to below
    /// the label, in the accent colour; the sign and the label inside the safe area, at the
    /// start edge and the title's size. Returns the band.
    func urgentBand() throws(ComposeError) -> Rect {
        let text = painter.builtIn(.urgent)
        let style = painter.style(.title, color: painter.theme.accentForeground)
        let capHeight = painter.typeScale.title.steps[0]
        let sign = (capHeight * 1.6).rounded()
        let labelBox = Rect(
            x: painter.grid.rightToLeft ? safe.x : safe.x + sign + gap, y: safe.y, width: safe.width - sign - gap,
            height: capHeight / TextFitter.capHeightRatio * 2)
        let fitted = try painter.measure("priority", text, in: labelBox, style: style)
        let band = Rect(
            x: 0, y: 0, width: frame.width, height: (fitted.logicalRect.maxY + painter.safeArea.rect.y / 2).rounded())
        painter.canvas.fill(band, painter.theme.accent)
        // The language row stands on the band: in the band's own colours, not on a pill of the
        // slide's background.
        painter.languageRowColours = (painter.theme.accentForeground, painter.theme.accent)
        // The sign centred on the label's first line.
        let middle = fitted.logicalRect.y + fitted.logicalRect.height / Double(max(1, fitted.lineCount)) / 2
        let x = painter.grid.rightToLeft ? safe.maxX - sign : safe.x
        drawWarningSign(Rect(x: x, y: middle - sign / 2, width: sign, height: sign))
        try painter.text("priority", text, in: labelBox, style: style)
        return band
    }

    /// A warning sign in `box`: a rounded triangle in the accent's foreground colour, and an
    /// exclamation mark cut out of it in the accent colour.
    private func drawWarningSign(_ box: Rect) {
        let cr = painter.canvas.cr
        let width = box.width
        let height = (width * 0.87).rounded()
        let y = box.y + (box.height - height) / 2
        cairo_save(cr)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_width(cr, width * 0.08)
        painter.canvas.setColor(painter.theme.accentForeground)
        cairo_move_to(cr, box.x + width / 2, y)
        cairo_line_to(cr, box.maxX, y + height)
        cairo_line_to(cr, box.x, y + height)
        cairo_close_path(cr)
        cairo_fill_preserve(cr)
        cairo_stroke(cr)
        painter.canvas.setColor(painter.theme.accent)
        let bar = width * 0.11
        let centre = box.x + width / 2
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        cairo_set_line_width(cr, bar)
        cairo_move_to(cr, centre, y + height * 0.36)
        cairo_line_to(cr, centre, y + height * 0.68)
        cairo_stroke(cr)
        cairo_arc(cr, centre, y + height * 0.84, bar * 0.62, 0, 2 * Double.pi)
        cairo_fill(cr)
        cairo_restore(cr)
    }
}
