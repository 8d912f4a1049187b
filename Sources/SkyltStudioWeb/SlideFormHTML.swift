import Foundation
import SkyltCore
import SkyltHTML
import SkyltStudio

/// The controls of the slide form, each labelled, with its hint and its problems tied to it.
/// Names are JSON paths; ids are the names with `.`, `[` and `]` as `-`.
struct SlideFormHTML {
    var values: SlideFormValues
    /// Problems by field name (errors), from `SlideProblems`.
    var errors: [String: String]
    var warnings: [String: String]
    var context: WebContext

    static func id(_ name: String) -> String {
        String(name.map { ".[]".contains($0) ? "-" : $0 })
    }

    /// A text-like field: `HTMLFormField` with the value, hint, warning and error; `language`
    /// for the text of one of the slide's languages.
    func field(
        _ name: String, label: String, type: String = "text", long: Bool = false, hint: String? = nil,
        required: Bool = false, language: String? = nil
    ) throws -> HTML {
        let shownLabel = required ? label + context.t(" (måste fyllas i)", " (required)") : label
        return try HTMLFormField(
            id: Self.id(name), name: name, label: shownLabel, control: long ? .textarea : .input(type: type),
            value: values.value(name), hint: hintText(name, hint), error: errors[name], language: language
        ).html()
    }

    /// The hint, with any warning for the field after it (a warning does not stop a save).
    func hintText(_ name: String, _ hint: String?) -> String? {
        guard let warning = warnings[name] else { return hint }
        let text = context.t("Varning: ", "Warning: ") + warning
        return hint.map { $0 + " " + text } ?? text
    }

    /// A `select` with its label, hint and error, like `HTMLFormField` does for inputs.
    func select(_ name: String, label: String, options: [(value: String, label: String)], hint: String? = nil)
        throws -> HTML
    {
        let id = Self.id(name)
        let hint = hintText(name, hint)
        var described: [String] = []
        if hint != nil { described.append(id + "-hint") }
        if errors[name] != nil { described.append(id + "-error") }
        var attributes: [HTMLAttribute] = [.id(id), .name(name)]
        if !described.isEmpty { attributes.append(try .aria("describedby", described.joined(separator: " "))) }
        if errors[name] != nil { attributes.append(try .aria("invalid", "true")) }
        let current = values.value(name)
        let optionHTML = try options.map { option in
            var optionAttributes: [HTMLAttribute] = [.value(option.value)]
            if option.value == current { optionAttributes.append(try HTMLAttribute("selected", nil)) }
            return HTML.element(.option, optionAttributes) { option.label }
        }
        return HTML.element(.div, [.class(errors[name] == nil ? "field" : "field field-error")]) {
            HTML.element(.label, [.for(id)]) { label }
            if let hint { HTML.element(.p, [.id(id + "-hint"), .class("hint")]) { hint } }
            if let error = errors[name] { HTML.element(.p, [.id(id + "-error"), .class("error")]) { error } }
            HTML.element(.select, attributes) { HTML.join(optionHTML) }
        }
    }

    /// A checkbox with its label after it.
    func checkbox(_ name: String, value: String, label: String, checked: Bool, id: String? = nil) throws -> HTML {
        let id = id ?? Self.id(name)
        var attributes: [HTMLAttribute] = [.type("checkbox"), .id(id), .name(name), .value(value)]
        if checked { attributes.append(try HTMLAttribute("checked", nil)) }
        return HTML.element(.div, [.class("field checkbox")]) {
            HTML.void(.input, attributes)
            HTML.element(.label, [.for(id)]) { label }
        }
    }

    /// The controls of one non-text field of the template.
    func control(_ spec: SlideFieldSpec) throws -> HTML {
        let label = context.t(spec.label.sv, spec.label.en)
        let hint = spec.hint.map { context.t($0.sv, $0.en) }
        switch spec.kind {
        case .text: return .empty
        case .dateTime:
            return try field(spec.key, label: label, type: "datetime-local", hint: hint, required: spec.required)
        case .url: return try field(spec.key, label: label, type: "url", hint: hint, required: spec.required)
        case .plain: return try field(spec.key, label: label, hint: hint, required: spec.required)
        case .focus: return try field(spec.key, label: label, hint: hint)
        case .readings: return try readings(spec, label: label, hint: hint)
        case .download: return try download(spec, label: label, hint: hint)
        case .image: return try image(spec, label: label, hint: hint)
        case .hidden:
            return try checkbox(spec.key, value: "on", label: label, checked: values.value(spec.key) == "on")
        case .fit:
            return try select(
                spec.key, label: label,
                options: [
                    ("", context.t("Mallens vanliga sätt", "The template's usual way")),
                    ("cover", context.t("Fyll rutan (kanterna kan skäras bort)", "Fill the box (edges may be cut)")),
                    ("contain", context.t("Visa hela bilden", "Show the whole picture")),
                ])
        case .security:
            return try select(
                spec.key, label: label,
                options: [
                    ("", context.t("Välj efter lösenordet", "Choose by the password")), ("WPA", "WPA/WPA2"),
                    ("WEP", "WEP"), ("nopass", context.t("Öppet, utan lösenord", "Open, no password")),
                ])
        }
    }

    /// The file input, the current picture's path as text and in a hidden field, so that a
    /// form sent again keeps it.
    private func image(_ spec: SlideFieldSpec, label: String, hint: String?) throws -> HTML {
        let current = values.value(SlideFormValues.currentImageField)
        return try HTML.join([
            HTMLFormField(
                id: Self.id(spec.key), name: spec.key,
                label: spec.required && current.isEmpty ? label + context.t(" (måste fyllas i)", " (required)") : label,
                control: .input(type: "file"), hint: hintText(spec.key, hint), error: errors[spec.key]
            ).html(),
            HTML.void(.input, [.type("hidden"), .name(SlideFormValues.currentImageField), .value(current)]),
            values.value(SlideUpload.proofField).isEmpty
                ? .empty
                : HTML.void(
                    .input,
                    [.type("hidden"), .name(SlideUpload.proofField), .value(values.value(SlideUpload.proofField))]),
            current.isEmpty
                ? .empty
                : HTML.element(.p, [.class("hint")]) {
                    context.t("Nuvarande bild: ", "Current picture: ")
                    HTML.element(.code) { current }
                },
        ])
    }
}
