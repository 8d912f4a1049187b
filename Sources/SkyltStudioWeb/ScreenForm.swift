import Foundation
import SkyltCore
import SkyltHTML
import SkyltStudio

/// The screen form: its fields as typed (so a refused form comes back as it was sent), the
/// checks that turn them into a `ScreenRecord`, and the HTML.
struct ScreenForm {
    /// The id no screen may have: its path is the new-screen form's.
    static let reservedKey = "new"
    static let sizes = ["1920x1080", "1080x1920", "3840x2160", "2160x3840", "1280x720"]

    var key = ""
    var name = ""
    var place = ""
    var size = "1920x1080"
    var width = ""
    var height = ""
    var languages = "sv, en"
    var hours: [Weekday: String] = [:]
    var timeZone = "Europe/Stockholm"
    /// Share by channel name, for the channels ticked.
    var shares: [String: String] = [:]

    init() {}

    /// The form filled in from a stored screen.
    init(_ screen: ScreenRecord) {
        key = screen.key
        name = screen.name
        place = screen.place
        let text = "\(screen.width)x\(screen.height)"
        if Self.sizes.contains(text) {
            size = text
        } else {
            (size, width, height) = ("custom", "\(screen.width)", "\(screen.height)")
        }
        languages = screen.languages.joined(separator: ", ")
        for day in Weekday.allCases {
            hours[day] = screen.openingHours?[day]?.map { "\($0.from)–\($0.to)" }.joined(separator: ", ") ?? ""
        }
        timeZone = screen.timeZone
        for entry in screen.channels { shares[entry.name] = Self.number(entry.share) }
    }

    /// The form as sent; `key` only for a new screen (an existing one keeps its id).
    init(_ context: WebContext, channels: [String], key: String?) {
        func field(_ name: String) -> String { (context.field(name) ?? "").trimmingCharacters(in: .whitespaces) }
        self.key = key ?? field("key")
        name = field("name")
        place = field("place")
        size = field("size")
        width = field("width")
        height = field("height")
        languages = field("languages")
        for day in Weekday.allCases { hours[day] = field("hours-\(day.rawValue)") }
        timeZone = field("timezone")
        for channel in channels where context.field("channel-\(channel)") == "1" {
            shares[channel] = field("share-\(channel)")
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The screen, or the problems by field id, in the page's language.
    func screen(channels: [String], _ context: WebContext) -> (ScreenRecord?, [String: String]) {
        var errors: [String: String] = [:]
        if !ChannelName.isValid(key) {
            errors["key"] = context.t(
                "Använd 1–64 tecken: a–z, A–Z, 0–9, - och _.", "Use 1–64 characters: a–z, A–Z, 0–9, - and _.")
        }
        // `/screens/new` is the form for a new screen, so a screen of that id could never be opened.
        if key == Self.reservedKey {
            errors["key"] = context.t(
                "Id:t ”new” används av studion. Välj ett annat id.",
                "The id “new” is used by the studio. Choose another id.")
        }
        if name.isEmpty { errors["name"] = context.t("Skriv ett namn.", "Type a name.") }
        let (width, height) = dimensions(&errors, context)
        let codes = ChannelAdminPages.languageList(languages)
        if codes == nil {
            errors["languages"] = context.t(
                "Skriv språkkoder som sv eller en, med komma emellan.",
                "Write language codes such as sv or en, separated by commas.")
        }
        var weekly: [Weekday: [DailyWindow]] = [:]
        for day in Weekday.allCases {
            guard let windows = Self.windows(hours[day] ?? "") else {
                errors["hours-\(day.rawValue)"] = context.t(
                    "Skriv tider som 08:00–20:00, eller lämna tomt för stängt.",
                    "Write times such as 08:00–20:00, or leave empty for closed.")
                continue
            }
            if !windows.isEmpty { weekly[day] = windows }
        }
        if TimeZone(identifier: timeZone) == nil {
            errors["timezone"] = context.t(
                "Skriv en tidszon som Europe/Stockholm.", "Write a time zone such as Europe/Stockholm.")
        }
        var chosen: [(name: String, share: Double)] = []
        for channel in channels {
            guard let text = shares[channel] else { continue }
            guard let share = Double(text.replacingOccurrences(of: ",", with: ".")), share >= 0.01, share <= 1000 else {
                errors["share-\(channel)"] = context.t(
                    "Skriv en andel från 0,01 till 1000, t.ex. 1.", "Type a share from 0.01 to 1000, e.g. 1.")
                continue
            }
            chosen.append((channel, share))
        }
        if chosen.isEmpty && errors.isEmpty {
            errors["channels"] = context.t("Välj minst en kanal.", "Choose at least one channel.")
        }
        guard errors.isEmpty, let codes else { return (nil, errors) }
        return (
            ScreenRecord(
                key: key, name: name, place: place, width: width, height: height, languages: codes,
                openingHours: weekly.isEmpty ? nil : weekly, timeZone: timeZone, channels: chosen), [:]
        )
    }

    private func dimensions(_ errors: inout [String: String], _ context: WebContext) -> (Int, Int) {
        if size != "custom" {
            let parts = size.split(separator: "x").compactMap { Int($0) }
            guard Self.sizes.contains(size), parts.count == 2 else {
                errors["size"] = context.t("Välj en storlek.", "Choose a size.")
                return (0, 0)
            }
            return (parts[0], parts[1])
        }
        let allowed = 320...7680
        let w = Int(width).flatMap { allowed.contains($0) ? $0 : nil }
        let h = Int(height).flatMap { allowed.contains($0) ? $0 : nil }
        let message = context.t(
            "Skriv ett antal pixlar från 320 till 7680.", "Type a number of pixels from 320 to 7680.")
        if w == nil { errors["width"] = message }
        if h == nil { errors["height"] = message }
        return (w ?? 0, h ?? 0)
    }

    /// "08:00–12:00, 13:00–18:00" as windows; empty text is closed (no windows); nil when a
    /// part is not two times.
    static func windows(_ text: String) -> [DailyWindow]? {
        var windows: [DailyWindow] = []
        for part in text.split(separator: ",") {
            let times = part.replacingOccurrences(of: "–", with: "-").split(separator: "-")
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard times.count == 2, let from = TimeOfDay(times[0]), let to = TimeOfDay(times[1]), from != to else {
                return nil
            }
            windows.append(DailyWindow(from: from, to: to))
        }
        return windows
    }
}
