import FoundationEssentials
import SkyltCore

/// A forecast: the place as title, the period under way large (its symbol, the temperature,
/// wind and precipitation), the periods after it in a row (a column in portrait), each with
/// its time, symbol and temperature; the attribution small at the bottom. Periods that are
/// over at the moment composed for are not drawn.
extension Templates {
    func weather(_ forecast: Forecast) throws(ComposeError) {
        _ = painter.paintBackground()
        let periods = forecast.current(at: now)
        guard let current = periods.first else { throw painter.fail("periods", "has no period to show") }
        let rest = try sourceLine(forecast.source, in: safe)
        let title = try painter.text("place", painter.resolve(forecast.place)!, in: rest, style: painter.style(.title))
        let top = max(title.logicalRect.maxY, title.inkRect.maxY) + painter.spacing(after: .title)
        let body = Rect(x: rest.x, y: top, width: rest.width, height: rest.maxY - top)
        let later = Array(periods.dropFirst().prefix(portrait ? 4 : 5))
        guard !later.isEmpty else {
            try currentPeriod(current, in: body)
            return
        }
        let (nowBox, laterBox) = body.sliceTop((body.height * (portrait ? 0.34 : 0.5)).rounded(), gap: gap * 2)
        try currentPeriod(current, in: nowBox)
        if portrait {
            try laterColumn(later, in: laterBox)
        } else {
            try laterRow(later, in: laterBox)
        }
    }

    /// Draws the attribution small at the bottom of `area`; returns the room above it.
    func sourceLine(_ text: String, in area: Rect, field: String = "source") throws(ComposeError) -> Rect {
        let style = painter.style(.caption)
        let fitted = try painter.measure(field, text, in: area, style: style)
        let height = max(fitted.logicalRect.maxY, fitted.inkRect.maxY) - area.y + 1
        let (line, rest) = area.sliceBottom(height, gap: gap)
        try painter.text(field, text, in: line, style: style)
        return rest
    }

    /// The period under way: its symbol at the start edge, the temperature at display size
    /// beside it, wind and precipitation below the temperature.
    private func currentPeriod(_ period: WeatherPeriod, in box: Rect) throws(ComposeError) {
        let side = min(box.height, (box.width * 0.36).rounded())
        let start = painter.grid.rightToLeft ? box.maxX - side : box.x
        let symbolBox = Rect(x: start, y: box.y + (box.height - side) / 2, width: side, height: side)
        try painter.weatherSymbol("symbol[0]", code: period.symbol, in: symbolBox)
        let textBox = Rect(
            x: painter.grid.rightToLeft ? box.x : box.x + side + gap * 2, y: box.y, width: box.width - side - gap * 2,
            height: box.height)
        let language = painter.language
        var blocks = [
            SlidePainter.Block(
                field: "temperature", text: LiveNumbers.temperature(period.temperature, language: language),
                role: .price)
        ]
        if let wind = period.wind {
            let text =
                painter.builtIn(.weatherWind) + " "
                + LiveNumbers.withUnit(wind, decimals: 0, unit: "m/s", language: language)
            blocks.append(.init(field: "wind", text: text, role: .subtitle))
        }
        if let rain = period.precipitation {
            let amount = LiveNumbers.withUnit(rain, decimals: 1, unit: "mm", language: language)
            blocks.append(
                .init(
                    field: "precipitation", text: painter.builtIn(.weatherPrecipitation) + " " + amount, role: .subtitle
                ))
        }
        try painter.column(blocks, in: textBox, anchor: .middle)
    }

    /// The later periods side by side, in reading order: time above, symbol, temperature below.
    private func laterRow(_ periods: [WeatherPeriod], in box: Rect) throws(ComposeError) {
        let width = (box.width / Double(periods.count)).rounded(.down)
        for (index, period) in periods.enumerated() {
            let offset = Double(index) * width
            let cell = Rect(
                x: painter.grid.rightToLeft ? box.maxX - offset - width : box.x + offset, y: box.y, width: width - gap,
                height: box.height)
            let number = index + 1
            let style = { (role: TextRole) in
                var style = painter.style(role, center: true)
                style.bold = true
                return style
            }
            let time = try painter.text(
                "periods[\(number)].time", clock(period.time), in: cell, style: painter.style(.subtitle, center: true))
            let temperature = LiveNumbers.temperature(period.temperature, language: painter.language)
            let field = "periods[\(number)].temperature"
            let measured = try painter.measure(field, temperature, in: cell, style: style(.subtitle))
            let height = max(measured.logicalRect.maxY, measured.inkRect.maxY) - cell.y + 1
            try painter.text(field, temperature, in: cell.sliceBottom(height).0, style: style(.subtitle))
            let above = max(time.logicalRect.maxY, time.inkRect.maxY) - cell.y
            let symbolBox = Rect(
                x: cell.x, y: cell.y + above + gap / 2, width: cell.width, height: cell.height - above - height - gap)
            try painter.weatherSymbol("symbol[\(number)]", code: period.symbol, in: symbolBox)
        }
    }

    /// The later periods one below the other: time at the start edge, the symbol, the
    /// temperature at the end edge.
    private func laterColumn(_ periods: [WeatherPeriod], in box: Rect) throws(ComposeError) {
        let height = min((box.height / Double(periods.count)).rounded(.down), box.width * 0.3)
        let top = box.y + (box.height - height * Double(periods.count)) / 2
        let rtl = painter.grid.rightToLeft
        for (index, period) in periods.enumerated() {
            let row = Rect(x: box.x, y: top + Double(index) * height, width: box.width, height: height - gap / 2)
            let third = (row.width / 3).rounded(.down)
            let number = index + 1
            let timeBox = Rect(x: rtl ? row.maxX - third : row.x, y: row.y, width: third, height: row.height)
            try painter.column(
                [.init(field: "periods[\(number)].time", text: clock(period.time), role: .subtitle)], in: timeBox,
                anchor: .middle)
            let symbolBox = Rect(x: row.x + third, y: row.y, width: third, height: row.height)
            try painter.weatherSymbol("symbol[\(number)]", code: period.symbol, in: symbolBox)
            let endBox = Rect(x: rtl ? row.x : row.maxX - third, y: row.y, width: third, height: row.height)
            let temperature = LiveNumbers.temperature(period.temperature, language: painter.language)
            try painter.column(
                [.init(field: "periods[\(number)].temperature", text: temperature, role: .title)], in: endBox,
                center: true, anchor: .middle)
        }
    }

    /// A time of day in the playlist's time zone, as the language writes it.
    func clock(_ date: Date) -> String {
        SlideDate.time(date, language: painter.language, timeZone: slide.timeZone)
    }
}
