import FoundationEssentials
import SkyltCore

/// What the data templates share. Their texts come from feeds, not from an editor who can
/// shorten them after a failed check: so a text too long for its box is shortened with an
/// ellipsis rather than failing the slide, and never clipped.
extension Templates {
    /// `text` as it fits `box` at `style`: whole, or cut at the last word that fits (inside
    /// a word when a single one is too long) and ended with an ellipsis.
    func shortened(_ field: String, _ text: String, in box: Rect, style: TextStyle) throws(ComposeError) -> String {
        if (try? painter.measure(field, text, in: box, style: style)) != nil { return text }
        let characters = Array(text)
        func cut(_ count: Int) -> String {
            var kept = characters.prefix(count)
            while let last = kept.last, last.isWhitespace || last.isPunctuation { kept.removeLast() }
            // In a right-to-left slide, the ellipsis belongs to the text's own direction: a
            // Swedish destination cut short ends "Harabergs…", not "…Harabergs".
            return painter.grid.rightToLeft ? "\u{2068}" + String(kept) + "…\u{2069}" : String(kept) + "…"
        }
        // The longest prefix that fits, found by halving: each try lays the text out.
        var low = 0
        var high = characters.count - 1
        var best: Int?
        while low <= high {
            let middle = (low + high) / 2
            if (try? painter.measure(field, cut(middle), in: box, style: style)) != nil {
                best = middle
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        guard let best else {
            _ = try painter.measure(field, "…", in: box, style: style)
            return "…"
        }
        // End on a whole word when one ends in the second half of what fits.
        if let space = characters.prefix(best).lastIndex(of: " "), space > best / 2 { return cut(space) }
        return cut(best)
    }

    /// The width `text` takes on one line at `style`, with its side bearings.
    func lineWidth(_ field: String, _ text: String, style: TextStyle) -> Double {
        let wide = Rect(x: 0, y: 0, width: frame.width * 4, height: frame.height)
        guard let fitted = try? painter.measure(field, text, in: wide, style: style), fitted.lineCount == 1 else {
            return frame.width
        }
        let drawn = fitted.drawnRect
        let used = style.rightToLeft ? wide.maxX - drawn.x : drawn.maxX - wide.x
        // A little more than measured, so that the fit in a box this wide finds one line.
        return (used + (style.inkInset ?? 0) + style.maximumCapHeight * 0.25).rounded(.up)
    }

    /// The height of one line at `style`, tall enough for the script of the slide's language
    /// (Arabic marks reach further above and below than Latin capitals).
    func lineHeight(_ style: TextStyle) -> Double {
        let probe = "ÅgÉy " + painter.builtIn(.departureCancelled) + " " + painter.builtIn(.agendaAllDay)
        let box = Rect(x: 0, y: 0, width: frame.width * 4, height: frame.height)
        guard let fitted = try? painter.measure("probe", probe, in: box, style: style) else {
            return style.maximumCapHeight / TextFitter.capHeightRatio * 1.5
        }
        return (max(fitted.logicalRect.maxY, fitted.inkRect.maxY) - min(fitted.logicalRect.y, fitted.inkRect.y) + 2)
            .rounded(.up)
    }

    /// A style at a single size: the role's first step, so that every row of a board or an
    /// agenda is set alike and none shrinks below the others.
    func fixedStyle(_ role: TextRole, bold: Bool? = nil, color: Color? = nil, center: Bool = false) -> TextStyle {
        var style = painter.style(role, color: color, center: center, step: 0)
        if let bold { style.bold = bold }
        return style
    }

    /// Draws the data slide's heading at the top of `area`, on at most three lines (shortened
    /// beyond), and returns the room below it.
    func liveHeading(_ text: String, in area: Rect) throws(ComposeError) -> Rect {
        let style = painter.style(.title)
        let box = area.sliceTop(min(area.height / 3, lineHeight(style) * 3).rounded()).0
        let shown = try shortened("title", text, in: box, style: style)
        let fitted = try painter.text("title", shown, in: box, style: style)
        let used = max(fitted.logicalRect.maxY, fitted.inkRect.maxY) - area.y
        return area.sliceTop(used, gap: painter.spacing(after: .title)).1
    }

    /// The box of a one-line attribution at the bottom of `area` and the room above it; nil
    /// box when there is none to show.
    func footerBox(_ text: String?, in area: Rect) -> (box: Rect?, above: Rect) {
        guard let text, !text.isEmpty else { return (nil, area) }
        let height = lineHeight(painter.style(.caption))
        let (box, above) = area.sliceBottom(height, gap: gap)
        return (box, above)
    }

    /// Draws the attribution the data's terms ask for, small, in its box.
    func drawFooter(_ field: String, _ text: String?, in box: Rect?) throws(ComposeError) {
        guard let text, let box else { return }
        let style = painter.style(.caption)
        try painter.text(field, try shortened(field, text, in: box, style: style), in: box, style: style)
    }

    /// A clock time or a count in the digits the slide's dates use: Persian digits in Persian,
    /// 0-9 elsewhere.
    func localDigits(_ number: Int) -> String {
        let text = String(number)
        guard painter.language.lowercased().hasPrefix("fa") else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { Unicode.Scalar($0.value - 0x30 + 0x06F0)! }))
    }

    /// `text` kept left to right inside a right-to-left line: "10:00–12:00" must not turn round.
    func isolated(_ text: String) -> String {
        painter.grid.rightToLeft ? "\u{2066}" + text + "\u{2069}" : text
    }
}
