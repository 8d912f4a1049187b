import FoundationEssentials
import SkyltCore

/// A story read aloud: title, author and picture above a row of codes, one per language, with
/// a call to listen in the page's language right above the codes, so that a visitor who does
/// not read the title still learns what the codes are for.
extension Templates {
    /// The picture's share of the width above the codes in landscape: enough to set the scene,
    /// leaving the title and author room on a kiosk with a wide safe inset and a language row.
    static let storyImageShare = 0.34

    func story(title: LocalizedText, author: LocalizedText, image: URL, readings: [Reading], picker: String?)
        throws(ComposeError)
    {
        let area = painter.paintBackground()
        let grid = try StoryCodes.layout(
            painter: painter, readings: readings, picker: picker, in: area, portrait: portrait)
        var top: Rect
        var pickerTop: Double?
        if case .picker(let url, let label) = grid.codes {
            // One code for all readings stands where every single code of the kiosk does.
            let block = try painter.qrBlock("pickerUrl", payload: url, label: label)
            let column = portrait ? area : painter.sideColumn
            let ctaTop = try callToAction(above: block.y, in: column)
            pickerTop = ctaTop
            top = area
            if portrait { top = area.sliceBottom(area.maxY - ctaTop, gap: gap * 2).1 }
        } else {
            let (codeBand, rest) = area.sliceBottom(grid.height, gap: gap * 2)
            try grid.draw(painter, in: codeBand)
            let ctaTop = try callToAction(above: codeBand.y, in: rest)
            // The call heads the codes: closer to them than to the texts above.
            top = rest.sliceBottom(rest.maxY - ctaTop, gap: gap * 1.5).1
        }
        // The picture gives up room when the title and author need it (a wide safe inset, a
        // language row); the texts are fitted first, so the picture is drawn once, at its size.
        let shares = portrait ? [0.5, 0.35] : [Self.storyImageShare, 0.26]
        let blocks: [SlidePainter.Block] = [
            .init(field: "title", text: painter.resolve(title)!, role: .title),
            .init(field: "author", text: painter.resolve(author)!, role: .body),
        ]
        let share = try firstThatFits(shares) { (share) throws(ComposeError) in
            let textBox = storyBoxes(top, share: share, pickerTop: pickerTop).text
            try painter.column(blocks, in: textBox, anchor: portrait ? .middle : .top)
        }
        try painter.image("image", image, in: storyBoxes(top, share: share, pickerTop: pickerTop).image, fit: .cover)
    }

    /// The picture's box and the text's in the room above the codes: the picture on top in
    /// portrait, at the start side in landscape (mirrored in right to left).
    private func storyBoxes(_ top: Rect, share: Double, pickerTop: Double?) -> (image: Rect, text: Rect) {
        let imageBox: Rect
        var textBox: Rect
        if portrait {
            (imageBox, textBox) = top.sliceTop(top.height * share, gap: gap)
        } else if painter.grid.rightToLeft {
            (imageBox, textBox) = top.sliceRight(top.width * share, gap: gap * 2)
        } else {
            (imageBox, textBox) = top.sliceLeft(top.width * share, gap: gap * 2)
        }
        if let pickerTop, !portrait {
            textBox = textBox.sliceBottom(textBox.maxY - pickerTop, gap: gap * 2).1
        }
        return (imageBox, textBox)
    }

    /// Draws "Listen in your language" centred in `column`, in a band a gap above `y`; returns
    /// the band's top. The band is as tall in every script (one line, two when the words need
    /// them), so that a right-to-left page's picture mirrors the left-to-right one's.
    func callToAction(above y: Double, in column: Rect) throws(ComposeError) -> Double {
        let text = painter.builtIn(.listenInYourLanguage)
        let style = painter.style(.subtitle, center: true)
        let line = (style.maximumCapHeight / TextFitter.capHeightRatio * 1.6).rounded(.up)
        let band = { (lines: Double) in
            Rect(x: column.x, y: y - self.gap - line * lines, width: column.width, height: line * lines)
        }
        let oneLine = (try? painter.measure("listen", text, in: band(1), style: style)) != nil
        let box = band(oneLine ? 1 : 2)
        try painter.text("listen", text, in: box, style: style)
        return box.y
    }
}
