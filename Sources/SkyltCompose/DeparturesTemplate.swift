import FoundationEssentials
import SkyltCore

/// One row of a departure board, in the words it is drawn with at the moment composed for.
struct BoardRow {
    var departure: Departure
    /// "Nu", "om 4 min", "10:27" or "Inställd".
    var time: String
    /// The timetable's time, struck through, when the departure is late or cancelled.
    var struck: String?
}

/// The widths of a board's columns in reading order: line, destination, platform, time.
struct BoardColumns {
    var line, destination, platform, struck, time: Double
    var between: Double
    /// The size the rows are set at.
    var role: TextRole
}

/// A timetable board, as at a bus station: the stop, then one row a departure (the line's
/// badge, where it goes, the platform, and when it leaves, counted down near the time), as
/// many rows as fit at one legible size, and the data's attribution at the bottom.
extension Templates {
    /// Departures leaving within this many minutes count down; later ones show the clock.
    static let countdownMinutes = 15

    func departures(_ board: DepartureBoard) throws(ComposeError) {
        _ = painter.paintBackground()
        var area = try liveHeading(painter.resolve(board.title)!, in: safe)
        let footer = footerBox(board.source, in: area)
        area = footer.above
        let rows = board.upcoming(at: now).map(row)
        let hasPlatform = rows.contains { $0.departure.platform != nil }
        // The rows at the subtitle's size, or at the body's where the destination would get
        // less than two fifths of the width (a portrait screen, a long countdown word).
        let roomy = columns(rows, in: area, platform: hasPlatform, role: .subtitle)
        let role: TextRole = roomy.destination >= area.width * 0.4 ? .subtitle : .body
        let height = lineHeight(fixedStyle(role))
        if hasPlatform {
            area = try platformHeader(in: area, columns: columns(rows, in: area, platform: true, role: role))
        }
        let between = (gap / 2).rounded()
        let fitting = Int((area.height + between) / (height + between))
        // A board whose departures have all left is never planned; a check at another
        // moment still draws its heading and attribution.
        guard fitting > 0 || rows.isEmpty else {
            throw painter.fail("departures", "there is no room for one departure below the title")
        }
        let shown = Array(rows.prefix(fitting))
        let columns = columns(shown, in: area, platform: hasPlatform, role: role)
        for (index, row) in shown.enumerated() {
            let box = Rect(
                x: area.x, y: area.y + Double(index) * (height + between), width: area.width, height: height)
            if index > 0 { separator(above: box, between: between) }
            try draw(row, index: index, in: box, columns: columns)
        }
        try drawFooter("source", board.source, in: footer.box)
    }

    /// The words of a departure's row at `now`.
    func row(_ departure: Departure) -> BoardRow {
        let clock = { (date: Date) in SlideDate.time(date, language: painter.language, timeZone: slide.timeZone) }
        let late = departure.expected.map { $0.timeIntervalSince(departure.scheduled) >= 60 } ?? false
        let struck = departure.cancelled || late ? clock(departure.scheduled) : nil
        if departure.cancelled {
            return BoardRow(departure: departure, time: painter.builtIn(.departureCancelled), struck: struck)
        }
        let seconds = departure.time.timeIntervalSince(now)
        let minutes = Int((seconds / 60).rounded(.down))
        let time: String
        if minutes < 1 {
            time = painter.builtIn(.departureNow)
        } else if minutes <= Self.countdownMinutes {
            time = painter.builtIn(.departureInMinutes).replacing("%d", with: localDigits(minutes))
        } else {
            time = clock(departure.time)
        }
        return BoardRow(departure: departure, time: time, struck: struck)
    }

    /// Column widths for `rows`: the line badge, platform and time as wide as their widest
    /// text (within limits), the destination the rest.
    func columns(_ rows: [BoardRow], in area: Rect, platform: Bool, role: TextRole) -> BoardColumns {
        let style = fixedStyle(role)
        let bold = fixedStyle(role, bold: true)
        let small = fixedStyle(.caption)
        let pad = (style.maximumCapHeight * 0.4).rounded()
        let widest = { (texts: [String], style: TextStyle) in
            texts.map { lineWidth("width", $0, style: style) }.max() ?? 0
        }
        let line = min(
            area.width * 0.2, max(style.maximumCapHeight * 2.2, widest(rows.map(\.departure.line), bold) + 2 * pad))
        let platformWidth =
            platform
            ? min(
                area.width * 0.15,
                max(
                    widest([painter.builtIn(.departurePlatform)], small),
                    widest(rows.compactMap(\.departure.platform), style))) : 0
        let struck = min(area.width * 0.12, widest(rows.compactMap(\.struck), small))
        let time = min(area.width * 0.4, widest(rows.map(\.time), bold) + 2 * pad)
        let between = gap
        let used = line + platformWidth + struck + time + between * (platform ? 3 : 2) + (struck > 0 ? gap / 2 : 0)
        return BoardColumns(
            line: line, destination: max(0, area.width - used), platform: platformWidth, struck: struck, time: time,
            between: between, role: role)
    }

    /// A box `width` wide starting `start` pixels from the area's start edge: from the left,
    /// or from the right in right-to-left languages, so that the columns mirror.
    func cell(_ start: Double, _ width: Double, in row: Rect) -> Rect {
        let x = painter.grid.rightToLeft ? row.maxX - start - width : row.x + start
        return Rect(x: x, y: row.y, width: width, height: row.height)
    }

    /// The platform column's label above the rows; returns the room below it.
    func platformHeader(in area: Rect, columns: BoardColumns) throws(ComposeError) -> Rect {
        let style = fixedStyle(.caption)
        let height = lineHeight(style)
        let start = columns.line + columns.destination + 2 * columns.between
        let row = area.sliceTop(height).0
        let box = cell(start, columns.platform, in: row)
        let label = try shortened("platform.label", painter.builtIn(.departurePlatform), in: box, style: style)
        try painter.text("platform.label", label, in: box, style: style)
        return area.sliceTop(height, gap: gap / 4).1
    }

    /// A thin rule between two rows, so that the eye follows a row across the board.
    func separator(above row: Rect, between: Double) {
        let thickness = max(1, (painter.typeScale.c / 12).rounded())
        let y = (row.y - between / 2 - thickness / 2).rounded()
        painter.canvas.fill(Rect(x: row.x, y: y, width: row.width, height: thickness), painter.foreground, alpha: 0.3)
    }

    /// Draws one departure across `box`.
    func draw(_ row: BoardRow, index: Int, in box: Rect, columns: BoardColumns) throws(ComposeError) {
        let field = "departures[\(index)]"
        let style = fixedStyle(columns.role)
        try badge(field + ".line", row.departure.line, in: cell(0, columns.line, in: box), role: columns.role)
        var start = columns.line + columns.between
        let destination = cell(start, columns.destination, in: box)
        let place = try shortened(field + ".destination", row.departure.destination, in: destination, style: style)
        try painter.text(field + ".destination", place, in: destination, style: style)
        start += columns.destination + columns.between
        if columns.platform > 0 {
            if let platform = row.departure.platform {
                let platformBox = cell(start, columns.platform, in: box)
                let shown = try shortened(field + ".platform", platform, in: platformBox, style: style)
                try painter.text(field + ".platform", shown, in: platformBox, style: style)
            }
            start += columns.platform + columns.between
        }
        if let struck = row.struck {
            try strikeThrough(field + ".scheduled", struck, in: cell(start, columns.struck, in: box))
        }
        if columns.struck > 0 { start += columns.struck + gap / 2 }
        try time(field + ".time", row, in: cell(start, columns.time, in: box), role: columns.role)
    }
}
