import Foundation
import SkyltHTTP
import SkyltStudio

/// The values of a channel's contributions form as typed, so that a refused form comes back
/// exactly as it was sent, and what they mean once checked.
struct ContributionSettingsForm {
    /// The limits' fields as typed; empty means no limit.
    var maxLive: String
    var maxDays: String
    /// The templates ticked.
    var templates: Set<String>
    /// The ids of the organisations ticked as trusted.
    var trusted: Set<Int64>
    var errors: [String: String] = [:]

    /// Field names, also the controls' ids.
    static let maxLiveField = "max-live"
    static let maxDaysField = "max-days"
    static let templatesField = "templates"
    static let trustedField = "trusted"

    /// The most a field takes: more live slides than a screen could show, runs of ten years.
    static let maxLiveBound = 999
    static let maxDaysBound = 3650

    /// The form as the channel's settings are now.
    init(limits: ChannelLimits, trusted: [Organisation]) {
        maxLive = limits.maxLivePerOrganisation.map(String.init) ?? ""
        maxDays = limits.maxRunDays.map(String.init) ?? ""
        templates = Set(limits.templates ?? SlideTemplates.names)
        self.trusted = Set(trusted.map(\.id))
    }

    /// The form as sent.
    init(form: HTTPFormBody) {
        maxLive = (form.value(Self.maxLiveField) ?? "").trimmingCharacters(in: .whitespaces)
        maxDays = (form.value(Self.maxDaysField) ?? "").trimmingCharacters(in: .whitespaces)
        templates = Set(form.fields.filter { $0.name == Self.templatesField }.map(\.value))
        trusted = Set(form.fields.filter { $0.name == Self.trustedField }.compactMap { Int64($0.value) })
    }

    /// The limits the form asks for, or nil with `errors` set at each field in error.
    mutating func limits(_ context: WebContext) -> ChannelLimits? {
        errors = [:]
        let live = Self.limit(maxLive, in: 0...Self.maxLiveBound)
        if live == .invalid {
            errors[Self.maxLiveField] = context.t(
                "Skriv ett heltal från 0 till \(Self.maxLiveBound), eller lämna fältet tomt för ingen gräns.",
                "Type a whole number from 0 to \(Self.maxLiveBound), or leave the field empty for no limit.")
        }
        let days = Self.limit(maxDays, in: 1...Self.maxDaysBound)
        if days == .invalid {
            errors[Self.maxDaysField] = context.t(
                "Skriv ett antal dagar från 1 till \(Self.maxDaysBound), eller lämna fältet tomt för ingen gräns.",
                "Type a number of days from 1 to \(Self.maxDaysBound), or leave the field empty for no limit.")
        }
        let known = SlideTemplates.names.filter(templates.contains)
        if known.isEmpty {
            errors[Self.templatesField] = context.t(
                "Kryssa för minst en mall. Utan mallar kan inga bidrag skickas.",
                "Tick at least one template. Without templates no contribution can be sent.")
        }
        guard errors.isEmpty else { return nil }
        // Every template ticked is no limit at all, which also lets in templates added later.
        let allowed = known.count == SlideTemplates.names.count ? nil : known
        return ChannelLimits(maxLivePerOrganisation: live.value, maxRunDays: days.value, templates: allowed)
    }

    /// What a limit's field says.
    enum Limit: Equatable {
        case none
        case at(Int)
        case invalid

        var value: Int? {
            if case .at(let value) = self { value } else { nil }
        }
    }

    /// An empty text is no limit; else a whole number in `range`, typed in ASCII digits.
    static func limit(_ text: String, in range: ClosedRange<Int>) -> Limit {
        if text.isEmpty { return .none }
        guard text.allSatisfy(\.isASCII), let value = Int(text), range.contains(value) else { return .invalid }
        return .at(value)
    }
}
