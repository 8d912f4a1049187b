import FoundationEssentials
import SkyltCore

/// A measured value: the label as title, the value huge with its unit ("18,4 °C"), a word for
/// its trend and the time it was read; the last day's readings as a line without axes, its
/// highest and lowest values named; the source small at the bottom.
extension Templates {
    func figure(_ figure: Figure) throws(ComposeError) {
        _ = painter.paintBackground()
        let language = painter.language
        let points = FigureTrend.points(figure)
        let rest = try sourceLine(figure.source, in: safe)
        let (textBox, chartBox): (Rect, Rect?) =
            if points.count < 2 {
                (rest, nil)
            } else if portrait {
                (
                    rest.sliceBottom((rest.height * 0.3).rounded(), gap: gap * 2).1,
                    rest.sliceBottom((rest.height * 0.3).rounded()).0
                )
            } else {
                (painter.grid.span(0, 7, rows: rest), painter.grid.span(7, 5, rows: rest))
            }
        var blocks = [
            SlidePainter.Block(field: "label", text: painter.resolve(figure.label)!, role: .title),
            SlidePainter.Block(
                field: "value",
                text: LiveNumbers.withUnit(
                    figure.value, decimals: figure.decimals, unit: figure.unit, language: language),
                role: .price, color: painter.theme.accent),
        ]
        if points.count >= 2 {
            let word: BuiltInText =
                switch FigureTrend.direction(points, decimals: figure.decimals) {
                case 1: .trendRising
                case -1: .trendFalling
                default: .trendSteady
                }
            blocks.append(.init(field: "trend", text: painter.builtIn(word), role: .subtitle))
        }
        blocks.append(
            .init(field: "read", text: painter.builtIn(.figureMeasured) + " " + clock(figure.read), role: .body))
        try painter.column(blocks, in: textBox, anchor: portrait ? .top : .middle)
        if let chartBox { try sparkline(points, figure: figure, in: chartBox) }
    }
}
