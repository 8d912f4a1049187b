import FoundationEssentials
import SkyltCore

/// The coming events of a calendar, as a village notice board lists them: under each day
/// ("Today", "Tomorrow", "Saturday 12 December") the time and what it is, the place small
/// below. Events over at the moment composed for drop off; as many as fit at one legible size.
extension Templates {
    func agenda(_ agenda: Agenda) throws(ComposeError) {
        _ = painter.paintBackground()
        var area = try liveHeading(painter.resolve(agenda.title)!, in: safe)
        let footer = footerBox(agenda.source, in: area)
        area = footer.above
        let items = agenda.upcoming(at: now)
        // Landscape has the width for two columns of events, read down the first, then the second.
        let columns = portrait ? [area] : [painter.grid.span(0, 6, rows: area), painter.grid.span(6, 6, rows: area)]
        let timeWidth = min(
            columns[0].width * 0.35,
            items.map { lineWidth("width", eventTime($0), style: fixedStyle(.body, bold: true)) }.max() ?? 0)
        let drawn = try listEvents(days(items), in: columns, timeWidth: timeWidth)
        guard drawn > 0 || items.isEmpty else {
            throw painter.fail("events", "there is no room for one event below the title")
        }
        try drawFooter("source", agenda.source, in: footer.box)
    }

    /// Draws the events in order down `columns`, each under its day's name (repeated at the
    /// top of the next column when a day goes on there), until one does not fit. Returns how
    /// many were drawn.
    func listEvents(_ days: [(day: Date, items: [AgendaItem])], in columns: [Rect], timeWidth: Double)
        throws(ComposeError) -> Int
    {
        let dayHeight = lineHeight(fixedStyle(.subtitle, bold: true)) + gap / 2
        var column = 0
        var top = columns[0].y
        var headed: Date?
        var drawn = 0
        for (day, group) in days {
            for item in group {
                // A new day's name stands apart from the events above it.
                let above = headed == day ? 0 : dayHeight + (top > columns[column].y ? gap / 2 : 0)
                if top + above + rowHeight(item) > columns[column].maxY {
                    column += 1
                    guard column < columns.count,
                        columns[column].y + dayHeight + rowHeight(item) <= columns[column].maxY
                    else { return drawn }
                    (top, headed) = (columns[column].y, nil)
                }
                if headed != day {
                    if top > columns[column].y { top += gap / 2 }
                    top = try drawDay(day, at: top, in: columns[column]) + gap / 2
                    headed = day
                }
                top = try drawItem(item, index: drawn, at: top, timeWidth: timeWidth, in: columns[column]) + gap / 2
                drawn += 1
            }
        }
        return drawn
    }

    /// The events grouped by the day they are on: an event already under way counts as today's.
    func days(_ items: [AgendaItem]) -> [(day: Date, items: [AgendaItem])] {
        var groups: [(day: Date, items: [AgendaItem])] = []
        for item in items {
            let day = slide.timeZone.startOfDay(max(item.starts, now))
            if groups.last?.day == day {
                groups[groups.count - 1].items.append(item)
            } else {
                groups.append((day, [item]))
            }
        }
        return groups
    }

    /// "Today", "Tomorrow", or the weekday and date.
    func dayName(_ day: Date) -> String {
        let zone = slide.timeZone
        if zone.isSameDay(day, now) { return painter.builtIn(.agendaToday) }
        if zone.isSameDay(day, zone.addingDays(1, to: zone.startOfDay(now))) { return painter.builtIn(.agendaTomorrow) }
        return SlideDate.day(day, language: painter.language, timeZone: zone)
    }

    /// The start (and end on the same day) of a timed event; "All day" for a whole day's.
    func eventTime(_ item: AgendaItem) -> String {
        if item.allDay { return painter.builtIn(.agendaAllDay) }
        let clock = { (date: Date) in SlideDate.time(date, language: painter.language, timeZone: slide.timeZone) }
        guard let ends = item.ends, ends > item.starts, slide.timeZone.isSameDay(ends, item.starts) else {
            return clock(item.starts)
        }
        return isolated(clock(item.starts) + "–" + clock(ends))
    }

    /// An event's height: its title's line, and its place's below when it has one.
    func rowHeight(_ item: AgendaItem) -> Double {
        lineHeight(fixedStyle(.body)) + (item.place == nil ? 0 : lineHeight(fixedStyle(.caption)))
    }

    /// Draws a day's name at `top`; returns its bottom.
    func drawDay(_ day: Date, at top: Double, in area: Rect) throws(ComposeError) -> Double {
        let style = fixedStyle(.subtitle, bold: true)
        let box = Rect(x: area.x, y: top, width: area.width, height: lineHeight(style))
        try painter.text("day", try shortened("day", dayName(day), in: box, style: style), in: box, style: style)
        return box.maxY
    }

    /// Draws one event at `top`: its time in a column at the start edge, its title beside,
    /// its place small below the title. Returns its bottom.
    func drawItem(_ item: AgendaItem, index: Int, at top: Double, timeWidth: Double, in area: Rect)
        throws(ComposeError) -> Double
    {
        let field = "events[\(index)]"
        let timeStyle = fixedStyle(.body, bold: true)
        let style = fixedStyle(.body)
        let height = lineHeight(style)
        let row = Rect(x: area.x, y: top, width: area.width, height: height)
        let timeBox = cell(0, timeWidth, in: row)
        try painter.text(
            field + ".starts", try shortened(field + ".starts", eventTime(item), in: timeBox, style: timeStyle),
            in: timeBox, style: timeStyle)
        let titleBox = cell(timeWidth + gap, area.width - timeWidth - gap, in: row)
        try painter.text(
            field + ".title", try shortened(field + ".title", item.title, in: titleBox, style: style), in: titleBox,
            style: style)
        guard let place = item.place else { return row.maxY }
        let small = fixedStyle(.caption)
        let placeBox = Rect(x: titleBox.x, y: row.maxY, width: titleBox.width, height: lineHeight(small))
        try painter.text(
            field + ".place", try shortened(field + ".place", place, in: placeBox, style: small), in: placeBox,
            style: small)
        return placeBox.maxY
    }
}
