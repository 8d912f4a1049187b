import Foundation
import SkyltCore
import SkyltHTML
import SkyltStudio

/// The week at a glance: one column per day, one row per hour the screen is open on some
/// day, each cell saying in words whether the screen is closed, which urgent notices play,
/// and how the channels share the hour, with links to the slides. It sits in a scroll region
/// of its own, so that a phone scrolls the grid and not the page, and a laptop sees the week.
enum WeekCalendarHTML {
    /// Slide links in a cell before the rest is one link to the day's table.
    static let linksPerCell = 3

    static func section(_ grid: WeekCalendar, plan: WeekPlan, screen: ScreenRecord, _ context: WebContext) throws
        -> HTML
    {
        // Short, since on a phone the caption scrolls with the grid.
        let caption = context.t("Timme för timme", "Hour by hour")
        return try HTML.element(.section, [try .aria("labelledby", "glance")]) {
            HTML.element(.h2, [.id("glance")]) { context.t("Veckan i korthet", "The week at a glance") }
            if grid.hours.isEmpty {
                HTML.element(.p) { context.t("Skärmen är stängd hela veckan.", "The screen is closed all week.") }
            } else {
                try table(grid, caption: caption, plan: plan, screen: screen, context)
            }
        }
    }

    /// `HTML.table`'s scroll region, with classes of its own for the grid's layout.
    static func table(
        _ grid: WeekCalendar, caption: String, plan: WeekPlan, screen: ScreenRecord, _ context: WebContext
    ) throws -> HTML {
        let region = [
            .class("table-scroll week-scroll"), try HTMLAttribute("role", "region"),
            try HTMLAttribute("tabindex", "0"), try .aria("label", caption),
        ]
        return try HTML.element(.div, region) {
            try HTML.element(.table, [.class("week-grid")]) {
                HTML.element(.caption) { caption }
                try HTML.element(.thead) {
                    try HTML.element(.tr) {
                        HTML.element(.th, [.scope("col"), .class("week-hour")]) { context.t("Timme", "Hour") }
                        for day in grid.days {
                            try dayHeader(day, plan: plan, screen: screen, context)
                        }
                    }
                }
                try HTML.element(.tbody) {
                    for (row, hour) in grid.hours.enumerated() {
                        try HTML.element(.tr) {
                            HTML.element(.th, [.scope("row"), .class("week-hour")]) {
                                String(format: "%02d–%02d", hour, hour + 1)
                            }
                            for (column, cell) in grid.cells[row].enumerated() {
                                try self.cell(cell, day: grid.days[column], plan: plan, context)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Weekday and date, linked to the day's table, and the day's opening hours.
    static func dayHeader(_ day: Date, plan: WeekPlan, screen: ScreenRecord, _ context: WebContext) throws -> HTML {
        let name = WeekPage.format(day, "EEE d MMM", plan.timeZone, context)
        return try HTML.element(.th, [.scope("col")]) {
            HTML.element(.a, [try .href("#" + anchor(day, plan.timeZone)), .class("week-day")]) { name }
            HTML.element(.span, [.class("week-hours")]) { openingHours(day, plan: plan, screen: screen, context) }
        }
    }

    /// "08:00–20:00", "Closed", or "Open all day" for a screen without opening hours; each
    /// window kept on one line.
    static func openingHours(_ day: Date, plan: WeekPlan, screen: ScreenRecord, _ context: WebContext) -> HTML {
        guard let weekly = screen.openingHours else { return .text(context.t("Öppet dygnet runt", "Open all day")) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = plan.timeZone
        let weekdays: [Weekday] = [.sun, .mon, .tue, .wed, .thu, .fri, .sat]
        let windows = weekly[weekdays[(calendar.component(.weekday, from: day) - 1) % 7]] ?? []
        guard !windows.isEmpty else { return .text(context.t("Stängt", "Closed")) }
        var parts: [HTML] = []
        for (index, window) in windows.enumerated() {
            if index > 0 { parts.append(.text(", ")) }
            parts.append(HTML.element(.span, [.class("week-window")]) { "\(window.from)–\(window.to)" })
        }
        return HTML.join(parts)
    }

    /// The id of a day's table, `day-YYYY-MM-DD`, for links from the grid.
    static func anchor(_ day: Date, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd"
        return "day-" + formatter.string(from: day)
    }

    static func cell(_ cell: WeekCalendar.Cell, day: Date, plan: WeekPlan, _ context: WebContext) throws -> HTML {
        if cell.planned <= 0 {
            return HTML.element(.td, [.class("outside")]) { context.t("Inte i planen", "Not in the plan") }
        }
        if cell.isClosed {
            return HTML.element(.td, [.class("closed")]) { context.t("Stängt", "Closed") }
        }
        let urgent = !cell.urgentSlides.isEmpty
        let shown = cell.urgentSlides.prefix(linksPerCell)
        let normal = cell.slides.prefix(linksPerCell - shown.count)
        let more = cell.urgentSlides.count + cell.slides.count - shown.count - normal.count
        return try HTML.element(.td, urgent ? [.class("urgent")] : []) {
            if urgent {
                HTML.element(.strong, [.class("tag urgent")]) { context.t("Brådskande", "Urgent") }
                try links(Array(shown), plan: plan)
            }
            if !cell.shares.isEmpty {
                HTML.element(.p, [.class("week-shares")]) { shares(cell) }
            } else if !urgent {
                HTML.element(.p) { context.t("Inget att visa", "Nothing to show") }
            }
            if cell.closed > 0 {
                let minutes = Int((cell.open / 60).rounded())
                HTML.element(.p, [.class("hint")]) { context.t("Öppet \(minutes) min", "Open \(minutes) min") }
            }
            try links(Array(normal), plan: plan)
            if more > 0 {
                try HTML.element(.p) {
                    try AdminHTML.link("#" + anchor(day, plan.timeZone), context.t("+\(more) till", "+\(more) more"))
                }
            }
        }
    }

    /// "demo 67 % · other 33 %".
    static func shares(_ cell: WeekCalendar.Cell) -> String {
        let shares = cell.shares
        let percents = WeekCalendar.percents(shares.map(\.share))
        return zip(shares, percents).map { "\($0.channel) \($1) %" }.joined(separator: " · ")
    }

    /// Links to slides' edit pages, by their titles. At most `linksPerCell` in a cell; the
    /// rest is counted in a link to the day's table, which lists every slot.
    static func links(_ slides: [WeekCalendar.SlideRef], plan: WeekPlan) throws -> HTML {
        guard !slides.isEmpty else { return .empty }
        return try HTML.element(.ul, [.class("week-slides")]) {
            for slide in slides {
                try HTML.element(.li) {
                    try AdminHTML.link(
                        "/channels/\(slide.channel)/slides/\(slide.slide)",
                        plan.title(channel: slide.channel, slide: slide.slide))
                }
            }
        }
    }
}
