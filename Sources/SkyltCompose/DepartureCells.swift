import FoundationEssentials
import SkyltCore

/// The cells of a departure row that are more than a text: the line's badge, the struck
/// timetable time, and the time or the cancelled mark.
extension Templates {
    /// The room on each side of a text on a coloured plate.
    func platePadding(_ role: TextRole) -> Double { (fixedStyle(role).maximumCapHeight * 0.4).rounded() }

    /// The line's number on a plate in the accent colour, as buses and timetables show it.
    func badge(_ field: String, _ line: String, in box: Rect, role: TextRole) throws(ComposeError) {
        let style = fixedStyle(role, bold: true, color: painter.theme.accentForeground, center: true)
        let pad = platePadding(role)
        let textBox = Rect(x: box.x + pad, y: box.y, width: box.width - 2 * pad, height: box.height)
        let shown = try shortened(field, line, in: textBox, style: style)
        let inset = (box.height * 0.08).rounded()
        painter.canvas.fillRounded(
            Rect(x: box.x, y: box.y + inset, width: box.width, height: box.height - 2 * inset),
            radius: inset * 2, painter.theme.accent)
        try painter.text(field, shown, in: textBox, style: style)
    }

    /// The timetable's time small, with a line through it: the time it no longer leaves at.
    func strikeThrough(_ field: String, _ text: String, in box: Rect) throws(ComposeError) {
        let style = fixedStyle(.caption)
        let height = min(box.height, lineHeight(style))
        let textBox = Rect(x: box.x, y: box.y + (box.height - height) / 2, width: box.width, height: height)
        let shown = try shortened(field, text, in: textBox, style: style)
        let fitted = try painter.text(field, shown, in: textBox, style: style)
        let thickness = max(2, (style.maximumCapHeight / 8).rounded())
        let ink = fitted.inkRect
        let middle = (ink.y + ink.height / 2 - thickness / 2).rounded()
        painter.canvas.fill(
            Rect(x: ink.x - thickness, y: middle, width: ink.width + 2 * thickness, height: thickness),
            painter.foreground)
    }

    /// When it leaves, in bold; a cancelled departure's word on a plate in the urgent colour,
    /// so that it reads as cancelled by its word and its plate, not by a colour alone.
    func time(_ field: String, _ row: BoardRow, in box: Rect, role: TextRole) throws(ComposeError) {
        let pad = platePadding(role)
        let textBox = Rect(x: box.x + pad, y: box.y, width: max(0, box.width - 2 * pad), height: box.height)
        guard row.departure.cancelled else {
            let style = fixedStyle(role, bold: true)
            try painter.text(
                field, try shortened(field, row.time, in: textBox, style: style), in: textBox, style: style)
            return
        }
        let style = fixedStyle(role, bold: true, color: painter.theme.urgentForeground)
        let shown = try shortened(field, row.time, in: textBox, style: style)
        let fitted = try painter.measure(field, shown, in: textBox, style: style)
        let width = min(box.width, fitted.drawnRect.width + 2 * pad + 2 * (style.inkInset ?? 0))
        let inset = (box.height * 0.08).rounded()
        let plate = Rect(
            x: painter.grid.rightToLeft ? box.maxX - width : box.x, y: box.y + inset, width: width,
            height: box.height - 2 * inset)
        painter.canvas.fillRounded(plate, radius: inset * 2, painter.theme.urgentBackground)
        try painter.text(field, shown, in: textBox, style: style)
    }
}
