internal import CCairo
import FoundationEssentials
import SkyltCore

/// The readings a figure's chart and trend are made of.
enum FigureTrend {
    /// How far back the chart looks from the latest reading.
    static let windowSeconds = 24.0 * 3600
    /// How far back the trend compares.
    static let trendSeconds = 3.0 * 3600

    /// The history within the window before the reading, oldest first, ending with the
    /// reading itself.
    static func points(_ figure: Figure) -> [FigurePoint] {
        let start = figure.read.addingTimeInterval(-windowSeconds)
        let earlier = figure.history.filter { $0.time >= start && $0.time < figure.read && $0.value.isFinite }
        return earlier.sorted { $0.time < $1.time } + [FigurePoint(time: figure.read, value: figure.value)]
    }

    /// 1 rising, −1 falling, 0 steady: the latest value against the one about three hours
    /// before it (or the oldest, when the history is shorter). A change of at most a step of
    /// the shown digits, or a tenth of the day's range, is steady: a thermometer's jitter is
    /// no trend.
    static func direction(_ points: [FigurePoint], decimals: Int) -> Int {
        guard let last = points.last, points.count >= 2 else { return 0 }
        let since = last.time.addingTimeInterval(-trendSeconds)
        let before = points.last { $0.time <= since } ?? points[0]
        let change = last.value - before.value
        var step = 1.0
        for _ in 0..<max(0, decimals) { step /= 10 }
        let values = points.map(\.value)
        let threshold = max(step, (values.max()! - values.min()!) * 0.1)
        return abs(change) <= threshold ? 0 : change > 0 ? 1 : -1
    }
}

extension Templates {
    /// The readings as a line in the accent colour, without axes, the latest marked by a dot;
    /// the highest value named above the line's top, the lowest below its bottom, so that the
    /// range reads from across the room. Time runs left to right in every language, as on
    /// the charts readers know.
    func sparkline(_ points: [FigurePoint], figure: Figure, in box: Rect) throws(ComposeError) {
        let values = points.map(\.value)
        let (low, high) = (values.min()!, values.max()!)
        let style = painter.style(.caption, center: true)
        let text = { (value: Double) in
            LiveNumbers.withUnit(value, decimals: figure.decimals, unit: figure.unit, language: painter.language)
        }
        let maxFit = try painter.measure("chart.max", text(high), in: box, style: style)
        let labelHeight = max(maxFit.logicalRect.height, maxFit.inkRect.height) + 1
        let (maxBox, belowMax) = box.sliceTop(labelHeight, gap: gap / 2)
        let (minBox, plot) = belowMax.sliceBottom(labelHeight, gap: gap / 2)
        guard plot.height > gap * 2 else { throw painter.fail("history", "leaves no room for the chart") }
        try painter.text("chart.max", text(high), in: maxBox, style: style)
        try painter.text("chart.min", text(low), in: minBox, style: style)
        drawLine(points, low: low, high: high, in: plot.inset(by: gap / 2))
    }

    private func drawLine(_ points: [FigurePoint], low: Double, high: Double, in plot: Rect) {
        let first = points[0].time
        let span = max(points.last!.time.timeIntervalSince(first), 1)
        let range = high - low
        let place = { (point: FigurePoint) -> (Double, Double) in
            let x = plot.x + plot.width * point.time.timeIntervalSince(first) / span
            let y = range > 0 ? plot.maxY - plot.height * (point.value - low) / range : plot.y + plot.height / 2
            return (x, y)
        }
        let cr = painter.canvas.cr
        let width = max(4, (painter.legibility.minimumBodyCapHeightPixels * 0.3).rounded())
        cairo_save(cr)
        painter.canvas.setColor(painter.theme.accent)
        cairo_set_line_width(cr, width)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        for (index, point) in points.enumerated() {
            let (x, y) = place(point)
            if index == 0 { cairo_move_to(cr, x, y) } else { cairo_line_to(cr, x, y) }
        }
        cairo_stroke(cr)
        let (x, y) = place(points.last!)
        cairo_arc(cr, x, y, width * 1.6, 0, 2 * Double.pi)
        cairo_fill(cr)
        cairo_restore(cr)
        painter.recordImage(PlacedImage(field: "chart", box: plot, bleed: false))
    }
}
