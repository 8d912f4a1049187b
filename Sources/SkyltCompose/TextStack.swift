import SkyltCore

/// One text of a stack and the sizes it may take, largest first, with the room after it.
struct StackedText {
    var field: String
    var text: String
    var style: TextStyle
    var gapAfter = 0.0
}

/// Texts stacked in groups that are measured first and placed after: so that a template can
/// share the free height out between the groups (even gaps) instead of leaving it at the end.
extension Templates {
    /// A text at its role's sizes, followed by the role's spacing.
    func stacked(_ field: String, _ text: String, _ role: TextRole) -> StackedText {
        StackedText(field: field, text: text, style: painter.style(role), gapAfter: painter.spacing(after: role))
    }

    /// The style of `text` at a shrink level: each text takes its own step at that level, or
    /// its smallest.
    func style(_ text: StackedText, level: Int) -> TextStyle {
        var style = text.style
        let steps = style.steps ?? [style.maximumCapHeight]
        let size = steps[min(level, steps.count - 1)]
        style.steps = [size]
        style.maximumCapHeight = size
        style.minimumCapHeight = size
        return style
    }

    /// Stacks `texts` from the top of `box` at one level without drawing; the height used
    /// (without the room after the last), or nil when one does not fit.
    func measure(_ texts: [StackedText], in box: Rect, level: Int) -> Double? {
        var remaining = box
        var bottom = box.y
        for text in texts {
            guard
                let fitted = try? painter.measure(
                    text.field, text.text, in: remaining, style: style(text, level: level))
            else { return nil }
            bottom = max(fitted.logicalRect.maxY, fitted.inkRect.maxY)
            remaining = remaining.sliceTop(bottom - remaining.y, gap: text.gapAfter).1
        }
        return bottom - box.y
    }

    /// The heights of `groups` at `level` when they all fit `box` together, else nil.
    func heights(_ groups: [[StackedText]], in box: Rect, between: Double, level: Int) -> [Double]? {
        var heights: [Double] = []
        for group in groups {
            guard let height = measure(group, in: box, level: level) else { return nil }
            heights.append(height)
        }
        guard heights.reduce(0, +) + between * Double(groups.count - 1) <= box.height else { return nil }
        return heights
    }

    /// The largest level (the fewest steps down) at which the groups all fit `box`, one above
    /// the other with `between` between each two; their heights there. When none fits, the
    /// error names the text that does not fit on its own, or the first group.
    ///
    /// Tries the first level, then the last (when that fails, none fits), then halves the
    /// levels between: each try lays every text out, so the walk is kept short.
    func fitLevel(_ groups: [[StackedText]], in box: Rect, between: Double) throws(ComposeError)
        -> (level: Int, heights: [Double])
    {
        let levels = max(groups.joined().map { ($0.style.steps ?? []).count }.max() ?? 1, 1)
        if let first = heights(groups, in: box, between: between, level: 0) { return (0, first) }
        if levels > 1, var best = heights(groups, in: box, between: between, level: levels - 1) {
            var found = levels - 1
            var low = 1
            var high = levels - 2
            while low <= high {
                let middle = (low + high) / 2
                if let fitting = heights(groups, in: box, between: between, level: middle) {
                    (best, found, high) = (fitting, middle, middle - 1)
                } else {
                    low = middle + 1
                }
            }
            return (found, best)
        }
        for text in groups.joined() {
            _ = try painter.measure(text.field, text.text, in: box, style: style(text, level: levels - 1))
        }
        throw painter.fail(groups.first?.first?.field ?? "title", "does not fit beside the other texts; shorten it")
    }

    /// Draws `texts` stacked from the top of `box` at one level.
    func draw(_ texts: [StackedText], in box: Rect, level: Int) throws(ComposeError) {
        var remaining = box
        for text in texts {
            let fitted = try painter.text(text.field, text.text, in: remaining, style: style(text, level: level))
            let used = max(fitted.logicalRect.maxY, fitted.inkRect.maxY) - remaining.y
            remaining = remaining.sliceTop(used, gap: text.gapAfter).1
        }
    }

    /// Places two groups in `area` with the free height shared out: the gap between them at
    /// least `between` and a third of it, the rest split evenly above and below, so that a
    /// slide neither piles its texts at the top nor leaves one large hole.
    func spread(_ first: [StackedText], _ second: [StackedText], in area: Rect, between: Double)
        throws(ComposeError)
    {
        let sizes = try fitLevel([first, second], in: area, between: between)
        let slack = max(0, area.height - sizes.heights[0] - sizes.heights[1])
        let middle = second.isEmpty ? 0 : max(between, slack / 3)
        let top = area.y + max(0, slack - middle) / 2
        // One pixel more than measured, so that the drawing's fit finds the same size.
        try draw(
            first, in: Rect(x: area.x, y: top, width: area.width, height: sizes.heights[0] + 1), level: sizes.level)
        let below = Rect(
            x: area.x, y: top + sizes.heights[0] + middle, width: area.width, height: sizes.heights[1] + 1)
        try draw(second, in: below, level: sizes.level)
    }
}
