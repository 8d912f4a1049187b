import FoundationEssentials
import SkyltCore

/// A public warning, in the urgent style: the slide in the theme's urgent colours, the band with
/// the warning sign and "Important" across the top, then the headline, the body and what to do
/// (set apart by a bar at its start edge), and who sent it and where it came from small at the
/// bottom with its validity. An exercise or a test says so in a banner of its own under the
/// band, in the slide's language, so that nobody takes it for a real warning.
extension Templates {
    func alert(_ alert: Alert) throws(ComposeError) {
        let theme = painter.theme
        painter.canvas.fill(frame, theme.urgentBackground)
        var below = try urgentBand().maxY + gap
        if alert.status != .actual { below = try exerciseBanner(alert.status, top: below).maxY + gap }
        let area = Rect(x: safe.x, y: below, width: safe.width, height: safe.maxY - below)
        let bar = max(6, (gap / 3).rounded())
        let rtl = painter.grid.rightToLeft
        let inset = Rect(
            x: rtl ? area.x : area.x + bar + gap, y: area.y, width: area.width - bar - gap, height: area.height)
        let groups = alertTexts(alert)
        // The groups follow one another at half a body line; the room left goes above the footer.
        let between = painter.spacing(after: .body)
        let boxes = [area, inset, area]
        let (level, heights) = try alertLevel(groups, boxes: boxes, between: between, height: area.height)
        let footer = area.sliceBottom(heights[2] + 1).0
        try draw(groups[2], in: footer, level: level)
        // The free height: a third above the message, the rest above the footer, so that a
        // short alert neither piles up at the top nor leaves one large hole.
        let used = heights.reduce(0, +) + between * Double(groups.filter { !$0.isEmpty }.count - 1)
        let top = area.y + (max(0, area.height - used) / 3).rounded()
        try draw(groups[0], in: Rect(x: area.x, y: top, width: area.width, height: heights[0] + 1), level: level)
        guard !groups[1].isEmpty else { return }
        let instruction = Rect(x: inset.x, y: top + heights[0] + between, width: inset.width, height: heights[1] + 1)
        painter.canvas.fill(
            Rect(x: rtl ? area.maxX - bar : area.x, y: instruction.y, width: bar, height: heights[1]), theme.accent)
        try draw(groups[1], in: instruction, level: level)
    }

    /// The three groups: headline and body; what to do; sender, source and validity.
    private func alertTexts(_ alert: Alert) -> [[StackedText]] {
        let ink = painter.theme.urgentForeground
        let text = { (field: String, text: String, role: TextRole, color: Color?) in
            StackedText(
                field: field, text: text, style: painter.style(role, color: color ?? ink),
                gapAfter: painter.spacing(after: role))
        }
        let message = [
            text("headline", painter.resolve(alert.headline)!, .title, nil),
            text("body", painter.resolve(alert.body)!, .body, nil),
        ]
        var instruction: [StackedText] = []
        if let what = painter.resolve(alert.instruction) {
            var label = text("instruction.label", painter.builtIn(.alertInstruction), .subtitle, painter.theme.accent)
            label.style.bold = true
            label.gapAfter = painter.spacing(after: .body) / 2
            instruction = [label, text("instruction", what, .body, nil)]
        }
        var footer = [
            text("sender", painter.builtIn(.alertFrom) + ": " + alert.sender, .caption, nil),
            text("source", painter.builtIn(.alertSource) + ": " + alert.source, .caption, nil),
        ]
        if let validity = validity(alert) { footer.append(text("validity", validity, .caption, nil)) }
        for index in footer.indices { footer[index].gapAfter = 0 }
        return [message, instruction, footer]
    }

    /// When the alert applies: the span from its start to its end, or until when.
    private func validity(_ alert: Alert) -> String? {
        let language = painter.language
        switch (alert.effective, alert.expires) {
        case (let from?, let until?):
            return SlideDate.eventTime(starts: from, ends: until, language: language, timeZone: slide.timeZone)
        case (nil, let until?):
            return painter.builtIn(.alertUntil) + " "
                + SlideDate.eventTime(starts: until, ends: nil, language: language, timeZone: slide.timeZone)
        case (let from?, nil):
            return SlideDate.eventTime(starts: from, ends: nil, language: language, timeZone: slide.timeZone)
        case (nil, nil):
            return nil
        }
    }

    /// The largest level at which the groups, each in its own box's width, fit one above the
    /// other in `height`; their heights there. An empty group takes no room.
    private func alertLevel(_ groups: [[StackedText]], boxes: [Rect], between: Double, height: Double)
        throws(ComposeError) -> (Int, [Double])
    {
        for level in 0..<3 {
            var heights: [Double] = []
            for (group, box) in zip(groups, boxes) {
                guard let used = group.isEmpty ? 0 : measure(group, in: box, level: level) else { break }
                heights.append(used)
            }
            let gaps = Double(groups.filter { !$0.isEmpty }.count - 1) * between
            if heights.count == groups.count, heights.reduce(0, +) + gaps <= height { return (level, heights) }
        }
        for (group, box) in zip(groups, boxes) {
            for text in group { _ = try painter.measure(text.field, text.text, in: box, style: style(text, level: 2)) }
        }
        throw painter.fail("body", "the alert's texts do not fit together at the legible minimum; shorten them")
    }

    /// The banner of an exercise or a test: across the frame under the band, in the urgent
    /// foreground with the word in the urgent background colour, at the title's size.
    private func exerciseBanner(_ status: AlertStatus, top: Double) throws(ComposeError) -> Rect {
        let word = painter.builtIn(status == .test ? .alertTest : .alertExercise)
        let style = painter.style(.title, color: painter.theme.urgentBackground, center: true)
        let box = Rect(x: safe.x, y: top + gap / 2, width: safe.width, height: safe.maxY - top)
        let fitted = try painter.measure("status", word, in: box, style: style)
        let bottom = max(fitted.logicalRect.maxY, fitted.inkRect.maxY) + gap / 2
        let banner = Rect(x: 0, y: top, width: frame.width, height: (bottom - top).rounded(.up))
        painter.canvas.fill(banner, painter.theme.urgentForeground)
        try painter.text("status", word, in: box, style: style)
        return banner
    }
}
