import Foundation
import SkyltCore
import SkyltHTML
import SkyltStudio

/// The form's parts about when and how a slide plays: valid from and until, weekdays, daily
/// windows, priority (urgent for publishers only) and duration.
enum SlideScheduleHTML {
    /// The labels of these parts' controls, by name: the form's and the problem summary's.
    static func labels(_ context: WebContext) -> [String: String] {
        [
            "schedule.validFrom": context.t("Visas från", "Shown from"),
            "schedule.validUntil": context.t("Visas till", "Shown until"),
            "schedule.weekdays": context.t("Veckodagar", "Weekdays"),
            "schedule.times": context.t("Tider på dagen", "Times of day"),
            "priority": context.t("Prioritet", "Priority"),
            "duration": context.t("Tid på skärmen, sekunder", "Time on screen, seconds"),
        ]
    }

    static func fields(_ html: SlideFormHTML, role: ChannelRole) throws -> HTML {
        let context = html.context
        let label = labels(context)
        let priorities = priorityOptions(role: role, current: html.values.value("priority"), context)
        return try HTML.join([
            HTML.element(.fieldset) {
                HTML.element(.legend) { context.t("När bilden visas", "When the slide shows") }
                try html.field(
                    "schedule.validFrom", label: label["schedule.validFrom", default: ""], type: "datetime-local",
                    hint: context.t("Lämna tomt för från och med nu.", "Leave empty for from now on."))
                try html.field(
                    "schedule.validUntil", label: label["schedule.validUntil", default: ""], type: "datetime-local",
                    hint: context.t("Lämna tomt för tills vidare.", "Leave empty for until further notice."))
                try weekdays(html)
                try html.field(
                    "schedule.times", label: label["schedule.times", default: ""],
                    hint: context.t(
                        "Till exempel 10:00–14:00, 18:00–21:00. Lämna tomt för hela dagen.",
                        "For example 10:00–14:00, 18:00–21:00. Leave empty for the whole day."))
            },
            HTML.element(.fieldset) {
                HTML.element(.legend) { context.t("Visning", "Showing") }
                if priorities.count > 1 {
                    try html.select(
                        "priority", label: label["priority", default: ""],
                        options: priorities,
                        hint: role == .publisher
                            ? nil
                            : context.t(
                                "Bara en publicerare kan göra en bild brådskande.",
                                "Only a publisher can make a slide urgent."))
                } else {
                    // A contributor's slide is always of normal priority: nothing to choose.
                    HTML.void(.input, [.type("hidden"), .name("priority"), .value("normal")])
                }
                try html.field(
                    "duration", label: label["duration", default: ""],
                    type: "number",
                    hint: context.t("Från 2 till 3600. Lämna tomt för 10.", "From 2 to 3600. Leave empty for 10."))
            },
        ])
    }

    /// Normal, and urgent for publishers (and for a contributor editing a slide that is
    /// urgent already, so that the form does not drop it unasked).
    static func priorityOptions(role: ChannelRole, current: String, _ context: WebContext) -> [(
        value: String, label: String
    )] {
        let normal = (value: "normal", label: context.t("Vanlig", "Normal"))
        guard role == .publisher || current == "urgent" else { return [normal] }
        return [
            normal,
            (
                value: "urgent",
                label: context.t("Brådskande (visas före allt annat)", "Urgent (shown before everything else)")
            ),
        ]
    }

    /// Seven checkboxes; none (or all) checked means every day.
    private static func weekdays(_ html: SlideFormHTML) throws -> HTML {
        let context = html.context
        let names = [
            ("måndag", "Monday"), ("tisdag", "Tuesday"), ("onsdag", "Wednesday"), ("torsdag", "Thursday"),
            ("fredag", "Friday"), ("lördag", "Saturday"), ("söndag", "Sunday"),
        ]
        let error = html.errors["schedule.weekdays"]
        let errorID = "schedule-weekdays-error"
        let described = error == nil ? [] : [try HTMLAttribute.aria("describedby", errorID)]
        return try HTML.element(.fieldset, [.id("schedule-weekdays")] + described) {
            HTML.element(.legend) {
                context.t("Veckodagar (inga ikryssade: alla dagar)", "Weekdays (none ticked: every day)")
            }
            if let error { HTML.element(.p, [.id(errorID), .class("error")]) { error } }
            for (day, name) in zip(Weekday.allCases, names) {
                try html.checkbox(
                    "schedule.weekdays", value: day.rawValue, label: context.t(name.0, name.1),
                    checked: html.values.weekdays.contains(day.rawValue), id: "schedule-weekdays-\(day.rawValue)")
            }
        }
    }
}
