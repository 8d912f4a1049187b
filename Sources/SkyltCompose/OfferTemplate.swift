import FoundationEssentials
import SkyltCore

/// An offer of a local business: the picture on the start half, the price on a badge.
extension Templates {
    /// The share of a landscape screen's width the offer's picture takes, at the start side.
    static let offerImageShare = 0.48

    func offer(headline: LocalizedText, text: LocalizedText, price: LocalizedText?, image: URL)
        throws(ComposeError)
    {
        _ = painter.paintBackground()
        let bounds = painter.canvas.bounds
        let imageBox: Rect
        var textArea: Rect
        // The image bleeds over the start half (the top in portrait), mirrored in right-to-left
        // languages; the text keeps a gap from it and stays in the safe area.
        if portrait {
            (imageBox, textArea) = bounds.sliceTop(bounds.height * 0.42, gap: painter.margin)
        } else if painter.grid.rightToLeft {
            (imageBox, textArea) = bounds.sliceRight(bounds.width * Self.offerImageShare, gap: painter.margin)
        } else {
            (imageBox, textArea) = bounds.sliceLeft(bounds.width * Self.offerImageShare, gap: painter.margin)
        }
        textArea = textArea.intersection(safe)
        try painter.image("image", image, in: imageBox, fit: .cover)
        if let price = painter.resolve(price) {
            // The price stands on an accent badge at the bottom of the text area.
            let style = painter.style(.price, color: painter.theme.accentForeground, center: true)
            let padding = gap / 2
            let badgeHeight = style.maximumCapHeight / TextFitter.capHeightRatio * 1.6 + 2 * padding
            let (badgeArea, rest) = textArea.sliceBottom(badgeHeight, gap: gap)
            let probe = try painter.measure("price", price, in: badgeArea.inset(by: padding), style: style)
            // As wide as the price's ink and its padding, at the start edge of the column.
            let width = min(badgeArea.width, probe.inkRect.width + 4 * padding)
            let badge = Rect(
                x: painter.grid.rightToLeft ? badgeArea.maxX - width : badgeArea.x,
                y: badgeArea.maxY - probe.logicalRect.height - 2 * padding, width: width,
                height: probe.logicalRect.height + 2 * padding)
            painter.canvas.fillRounded(badge, radius: padding, painter.theme.accent)
            try painter.text(
                "price", price,
                in: Rect(x: badge.x, y: badge.y + padding, width: badge.width, height: badge.height - 2 * padding + 1),
                style: style)
            textArea = rest
        }
        try painter.column(
            [
                .init(field: "headline", text: painter.resolve(headline)!, role: .title),
                .init(field: "text", text: painter.resolve(text)!, role: .body),
            ], in: textArea)
    }
}
