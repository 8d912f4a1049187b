import Foundation
import SkyltCore
import SkyltHTML
import SkyltStudio

extension ScreenForm {
    static func dayName(_ day: Weekday, _ context: WebContext) -> String {
        switch day {
        case .mon: context.t("Måndag", "Monday")
        case .tue: context.t("Tisdag", "Tuesday")
        case .wed: context.t("Onsdag", "Wednesday")
        case .thu: context.t("Torsdag", "Thursday")
        case .fri: context.t("Fredag", "Friday")
        case .sat: context.t("Lördag", "Saturday")
        case .sun: context.t("Söndag", "Sunday")
        }
    }

    /// The form's fields; `isNew` shows the id field, else the id is the path's.
    func html(action: String, isNew: Bool, channels: [String], errors: [String: String], _ context: WebContext)
        throws -> HTML
    {
        try HTML.postForm(action: action, csrfToken: context.csrfToken) {
            if isNew {
                try HTMLFormField(
                    id: "key", name: "key", label: context.t("Skärmens id", "Screen id"), value: key,
                    hint: context.t(
                        "Står i skärmens konfiguration: 1–64 tecken, a–z, A–Z, 0–9, - och _.",
                        "Written in the screen's config: 1–64 characters, a–z, A–Z, 0–9, - and _."),
                    error: errors["key"], required: true
                ).html()
            }
            try HTMLFormField(
                id: "name", name: "name", label: context.t("Namn", "Name"), value: name, error: errors["name"],
                required: true
            ).html()
            try HTMLFormField(
                id: "place", name: "place", label: context.t("Plats", "Place"), value: place, error: errors["place"]
            ).html()
            try display(errors, context)
            try HTMLFormField(
                id: "languages", name: "languages", label: context.t("Språk", "Languages"), value: languages,
                hint: context.t(
                    "Språkkoder med komma emellan, t.ex. sv, en, ar.",
                    "Language codes separated by commas, e.g. sv, en, ar."),
                error: errors["languages"], required: true
            ).html()
            try openingHours(errors, context)
            try HTMLFormField(
                id: "timezone", name: "timezone", label: context.t("Tidszon", "Time zone"), value: timeZone,
                error: errors["timezone"], required: true
            ).html()
            try channelRows(channels, errors, context)
            HTML.button(context.t("Spara skärmen", "Save the screen"))
        }
    }

    private func display(_ errors: [String: String], _ context: WebContext) throws -> HTML {
        let names = [
            "1920x1080": context.t("1920 × 1080, liggande", "1920 × 1080, landscape"),
            "1080x1920": context.t("1080 × 1920, stående", "1080 × 1920, portrait"),
            "3840x2160": context.t("3840 × 2160, liggande (4K)", "3840 × 2160, landscape (4K)"),
            "2160x3840": context.t("2160 × 3840, stående (4K)", "2160 × 3840, portrait (4K)"),
            "1280x720": context.t("1280 × 720, liggande", "1280 × 720, landscape"),
        ]
        let options = Self.sizes.map { ($0, names[$0] ?? $0) } + [("custom", context.t("annan storlek", "other size"))]
        return try HTML.element(.fieldset) {
            HTML.element(.legend) { context.t("Skärmens storlek i pixlar", "The screen's size in pixels") }
            try AdminHTML.select(
                id: "size", name: "size", label: context.t("Storlek", "Size"), options: options, selected: size,
                error: errors["size"])
            try HTMLFormField(
                id: "width", name: "width", label: context.t("Bredd (vid annan storlek)", "Width (for another size)"),
                control: .input(type: "number"), value: width, error: errors["width"]
            ).html()
            try HTMLFormField(
                id: "height", name: "height", label: context.t("Höjd (vid annan storlek)", "Height (for another size)"),
                control: .input(type: "number"), value: height, error: errors["height"]
            ).html()
        }
    }

    private func openingHours(_ errors: [String: String], _ context: WebContext) throws -> HTML {
        try HTML.element(.fieldset) {
            HTML.element(.legend) { context.t("Öppettider", "Opening hours") }
            HTML.element(.p, [.class("hint")]) {
                context.t(
                    "Till exempel 08:00–20:00, eller 08:00–12:00, 13:00–18:00. Tomt: stängt den dagen. Alla dagar tomma: alltid på.",
                    "For example 08:00–20:00, or 08:00–12:00, 13:00–18:00. Empty: closed that day. Every day empty: always on."
                )
            }
            for day in Weekday.allCases {
                try HTMLFormField(
                    id: "hours-\(day.rawValue)", name: "hours-\(day.rawValue)", label: Self.dayName(day, context),
                    value: hours[day] ?? "", error: errors["hours-\(day.rawValue)"]
                ).html()
            }
        }
    }

    private func channelRows(_ channels: [String], _ errors: [String: String], _ context: WebContext) throws -> HTML {
        let described = errors["channels"] == nil ? [] : [try HTMLAttribute.aria("describedby", "channels-error")]
        return try HTML.element(.fieldset, described) {
            HTML.element(.legend) {
                context.t("Kanaler och deras andel av tiden", "Channels and their share of the time")
            }
            if let error = errors["channels"] { HTML.element(.p, [.class("error"), .id("channels-error")]) { error } }
            for channel in channels {
                let ticked = shares[channel] != nil
                try HTML.element(.div, [.class("field checkbox")]) {
                    HTML.void(
                        .input,
                        [.type("checkbox"), .id("channel-\(channel)"), .name("channel-\(channel)"), .value("1")]
                            + (ticked ? [try HTMLAttribute("checked", "")] : []))
                    HTML.element(.label, [.for("channel-\(channel)")]) {
                        context.t("Visa \(channel)", "Show \(channel)")
                    }
                }
                try HTMLFormField(
                    id: "share-\(channel)", name: "share-\(channel)",
                    label: context.t("Andel för \(channel)", "Share of \(channel)"), control: .input(type: "text"),
                    value: shares[channel] ?? "1", error: errors["share-\(channel)"]
                ).html()
            }
        }
    }
}
