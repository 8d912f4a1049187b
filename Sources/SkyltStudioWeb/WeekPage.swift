import Foundation
import SkyltBundle
import SkyltCore
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// What a screen will play over the next seven days, from the same planner as `skylt plan`
/// on the channels' published bundles: a summary first, then the week at a glance (a grid of
/// days and hours), then a table per day with repeats of the same slide grouped and each day
/// cut after its first slots.
enum WeekPage {
    /// Signed in, then checked here: admins, and publishers of a channel the screen plays,
    /// who answer for what it shows.
    static let routes: [WebRoute] = [WebRoute("GET", "/screens/{screen}/week", .signedIn, show)]

    /// Rows shown per day before the rest is summed up in one line.
    static let rowsPerDay = 40

    static func show(_ context: inout WebContext) throws -> HTTPResponse {
        guard let screen = try ScreenPages.screen(context) else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        guard try mayView(screen, context) else {
            return WebPage.plain(context.language, status: 403, WebPage.forbidden)
        }
        let plan = try context.studio.weekPlan(of: screen, from: start(context, zone: screen.timeZone))
        let title = context.t("Veckans plan för \(screen.name)", "This week's plan for \(screen.name)")
        return try WebPage.render(context, title: title) {
            HTML.element(.h1) { title }
            try summary(plan, context)
            for problem in plan.problems.prefix(10) {
                HTML.element(.p, [.class("warning")]) { problemText(problem, context) }
            }
            try WeekCalendarHTML.section(WeekCalendar(plan: plan), plan: plan, screen: screen, context)
            HTML.element(.h2) { context.t("Dag för dag", "Day by day") }
            for (day, entries) in days(plan) {
                try dayTable(day: day, entries: entries, plan: plan, context)
            }
        }
    }

    /// A problem with a channel's bundle in plain words: a channel never published is the
    /// common case and gets a sentence of its own.
    static func problemText(_ problem: Problem, _ context: WebContext) -> String {
        let file = URL(fileURLWithPath: problem.file)
        if file.lastPathComponent == Manifest.fileName, problem.message.contains("does not exist") {
            let channel = file.deletingLastPathComponent().lastPathComponent
            return context.t(
                "Kanalen \(channel) är inte publicerad än, så dess bilder syns inte i planen. Publicera den först.",
                "The channel \(channel) is not published yet, so its slides are not in the plan. Publish it first.")
        }
        return problem.description
    }

    static func mayView(_ screen: ScreenRecord, _ context: WebContext) throws -> Bool {
        guard let session = context.session else { return false }
        if session.role == .admin { return true }
        let roles = try context.studio.channels(visibleTo: session.userID, role: session.role)
        return roles.contains { visible in
            visible.role == .publisher && screen.channels.contains { $0.name == visible.channel.name }
        }
    }

    /// Now, or the start of the local day `?from=YYYY-MM-DD` names (to plan a later week).
    static func start(_ context: WebContext, zone: String) -> Date {
        guard let text = context.field("from") else { return Date() }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone) ?? .current
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: text) ?? Date()
    }

    static func summary(_ plan: WeekPlan, _ context: WebContext) throws -> HTML {
        let hours = { (seconds: TimeInterval) in String(format: "%.1f", seconds / 3600) }
        let urgent = plan.summary.urgentSlides.sorted().joined(separator: ", ")
        let channels = Set(plan.plannedShares.keys).union(plan.measuredShares.keys).sorted()
        return HTML.element(.section, [try .aria("labelledby", "summary")]) {
            HTML.element(.h2, [.id("summary")]) { context.t("Sammanfattning", "Summary") }
            HTML.element(.ul) {
                HTML.element(.li) {
                    context.t(
                        "Öppet: \(hours(plan.summary.openSeconds)) timmar",
                        "Open: \(hours(plan.summary.openSeconds)) hours")
                }
                HTML.element(.li) {
                    context.t(
                        "Brådskande: \(AdminHTML.percent(plan.summary.urgentShare)) av bildtiden",
                        "Urgent: \(AdminHTML.percent(plan.summary.urgentShare)) of slide time")
                }
                if !urgent.isEmpty {
                    HTML.element(.li) { context.t("Brådskande bilder: \(urgent)", "Urgent slides: \(urgent)") }
                }
            }
            AdminHTML.table(
                caption: context.t("Kanalernas andel av vanlig bildtid", "The channels' share of normal slide time"),
                headers: [
                    context.t("Kanal", "Channel"), context.t("Planerad", "Planned"),
                    context.t("Enligt planen", "As planned"),
                ],
                rows: channels.map { name in
                    [
                        .text(name), .text(AdminHTML.percent(plan.plannedShares[name] ?? 0)),
                        .text(AdminHTML.percent(plan.measuredShares[name] ?? 0)),
                    ]
                })
        }
    }

    /// The entries by local day, in order; a closed stretch over midnight is split there, so
    /// that each day shows its own closed time (a slide's slot is listed on the day it starts).
    static func days(_ plan: WeekPlan) -> [(Date, [PlanEntry])] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = plan.timeZone
        var result: [(Date, [PlanEntry])] = []
        func add(_ entry: PlanEntry) {
            let day = calendar.startOfDay(for: entry.start)
            if result.last?.0 == day { result[result.count - 1].1.append(entry) } else { result.append((day, [entry])) }
        }
        for entry in grouped(plan.entries) {
            var rest = entry
            while rest.closed,
                let midnight = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: rest.start)),
                midnight < rest.end
            {
                var part = rest
                part.end = midnight
                add(part)
                rest.start = midnight
            }
            add(rest)
        }
        return result
    }

    /// Consecutive entries of the same slide (or the same closed or empty screen) as one.
    static func grouped(_ entries: [PlanEntry]) -> [PlanEntry] {
        var result: [PlanEntry] = []
        for entry in entries {
            if let last = result.last, last.slide == entry.slide, last.channel == entry.channel,
                last.closed == entry.closed, last.urgent == entry.urgent
            {
                result[result.count - 1].end = entry.end
            } else {
                result.append(entry)
            }
        }
        return result
    }

    static func dayTable(day: Date, entries: [PlanEntry], plan: WeekPlan, _ context: WebContext) throws -> HTML {
        let dayName = format(day, "EEEE d MMMM", plan.timeZone, context)
        var rows = try entries.prefix(rowsPerDay).map { try row($0, plan: plan, context) }
        if entries.count > rowsPerDay, let last = entries.last {
            let more = entries.count - rowsPerDay
            let until = format(last.end, "HH:mm", plan.timeZone, context)
            rows.append([
                .text("…"),
                .text(context.t("och \(more) rader till, fram till \(until)", "and \(more) more rows, until \(until)")),
                .empty, .empty,
            ])
        }
        // The grid's cells link here for the slots they have no room for.
        return HTML.element(.div, [.id(WeekCalendarHTML.anchor(day, plan.timeZone))]) {
            AdminHTML.table(
                caption: dayName,
                headers: [
                    context.t("Tid", "Time"), context.t("Bild", "Slide"), context.t("Kanal", "Channel"),
                    context.t("Brådskande", "Urgent"),
                ],
                rows: rows)
        }
    }

    static func row(_ entry: PlanEntry, plan: WeekPlan, _ context: WebContext) throws -> [HTML] {
        let start = format(entry.start, "HH:mm", plan.timeZone, context)
        let end = format(entry.end, "HH:mm", plan.timeZone, context)
        // A slide shows for seconds: its start says when. A closed or empty stretch gets its
        // range, and one that runs to midnight ends at 24:00 of its day, not at 00:00.
        let stretch = entry.closed || entry.slide == nil
        let time = stretch ? "\(start)–\(end == "00:00" ? "24:00" : end)" : start
        let slide: HTML
        if entry.closed {
            slide = HTML.element(.strong, [.class("tag")]) { context.t("Stängt", "Closed") }
        } else if let id = entry.slide, let channel = entry.channel {
            slide = try AdminHTML.link("/channels/\(channel)/slides/\(id)", plan.title(channel: channel, slide: id))
        } else {
            slide = .text(context.t("Inget att visa", "Nothing to show"))
        }
        let urgent: HTML =
            entry.urgent
            ? HTML.element(.strong, [.class("tag urgent")]) { context.t("Brådskande", "Urgent") } : .text("–")
        return [.text(time), slide, .text(entry.channel ?? "–"), urgent]
    }

    static func format(_ date: Date, _ pattern: String, _ zone: TimeZone, _ context: WebContext) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: context.t("sv_SE", "en_GB"))
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
