import FoundationEssentials
import SkyltCore

/// A poster (often an A4 page) shown whole at the full safe height, the rest of the screen a
/// soft, darkened extension of it, its caption and code in the side column (below it in
/// portrait), the code in the kiosk's one place for codes.
extension Templates {
    /// How dark the backdrop is made, so that white captions on it stay readable.
    static let backdropShade = 0.65

    func poster(image: URL, caption: LocalizedText?, qr: QRLink?) throws(ComposeError) {
        painter.canvas.fill(frame, painter.background)
        let text = painter.resolve(caption)
        guard text != nil || qr != nil else {
            // A poster alone is the whole slide: as large as the frame allows.
            try painter.image("image", image, in: frame, fit: .contain)
            return
        }
        let picture: Picture
        do { picture = try Picture(contentsOf: image) } catch {
            throw painter.fail("image", "\(image.lastPathComponent): \(error.reason)")
        }
        backdrop(picture)
        if let qr { try painter.qrBlock("qr.url", payload: qr.url, label: label(qr)) }
        let codeTop = qr == nil ? safe.maxY : painter.qrBlockBox().y - gap * 2
        if portrait {
            try portraitPoster(picture, image: image, caption: text, above: codeTop)
            return
        }
        let posterBox = painter.grid.span(0, 8)
        // Drawn in its own shape: beside a caption or code the poster is shown whole, even
        // when the playlist asks for cover (which fills the screen only for a poster alone).
        let placed = picture.placement(in: posterBox, fit: .contain)
        try painter.image("image", image, in: placed, fit: .contain, picture: picture)
        // The caption starts level with the poster's top, in the side column above the code.
        let side = painter.sideColumn
        let top = max(side.y, placed.y)
        if let text {
            try painter.column(
                [.init(field: "caption", text: text, role: .body)],
                in: Rect(x: side.x, y: top, width: side.width, height: codeTop - top))
        }
    }

    /// Portrait: the poster and its caption as one group, centred above the code.
    ///
    /// The caption's room is the same in every language: two lines at the smallest body size,
    /// with the allowance for scripts whose fonts set taller lines (Arabic, Ethiopic). Sized by
    /// what this language's text measures, a Persian page's poster came out a few pixels
    /// smaller than the Swedish one's and the two pages no longer mirrored each other.
    private func portraitPoster(_ picture: Picture, image: URL, caption: String?, above codeTop: Double)
        throws(ComposeError)
    {
        let area = Rect(x: safe.x, y: safe.y, width: safe.width, height: codeTop - safe.y)
        var captionHeight = 0.0
        if let caption {
            let body = painter.typeScale.body
            let twoLines = (body.steps.last! / TextFitter.capHeightRatio * body.leading * 2 * 1.25).rounded(.up)
            // Fails, naming the field, when the caption needs more than its room.
            _ = try painter.measure(
                "caption", caption, in: area.sliceBottom(twoLines).0, style: painter.style(.body, center: true))
            captionHeight = twoLines + gap * 2
        }
        let posterBox = area.sliceTop(area.height - captionHeight).0
        let placed = picture.placement(in: posterBox, fit: .contain)
        let group = placed.height + captionHeight
        let top = (area.y + (area.height - group) / 2).rounded()
        let box = Rect(x: placed.x, y: top, width: placed.width, height: placed.height)
        try painter.image("image", image, in: box, fit: .contain, picture: picture)
        if let caption {
            let captionBox = Rect(
                x: area.x, y: box.maxY + gap * 2, width: area.width, height: area.maxY - box.maxY - gap * 2)
            try painter.text("caption", caption, in: captionBox, style: painter.style(.body, center: true))
        }
    }

    /// The poster's soft, darkened extension over the whole frame, so that white captions on
    /// it stay readable; the flat background when the poster cannot be drawn small.
    private func backdrop(_ picture: Picture) {
        picture.drawSoftExtension(on: painter.canvas, in: frame, shade: Self.backdropShade)
    }
}
