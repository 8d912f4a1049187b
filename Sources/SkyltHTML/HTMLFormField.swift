import SkyltCore

/// One labelled form field: a label tied to the control by `for`/`id`, an optional hint and an
/// optional error each tied to the control by `aria-describedby`, and `aria-invalid` while in
/// error, so screen readers announce all of it (WCAG 2.1: 1.3.1, 3.3.1, 3.3.2, 4.1.2).
public struct HTMLFormField: Sendable {
    /// The kind of control; `textarea` for text of several lines.
    public enum Control: Sendable, Equatable {
        case input(type: String)
        case textarea
    }

    public var id: String
    public var name: String
    public var label: String
    public var control: Control
    public var value: String
    public var hint: String?
    public var error: String?
    public var required: Bool
    public var autocomplete: String?
    /// The language of what is typed into the control, when it is not the page's (a slide's
    /// Arabic title on a Swedish page): the control's `lang`, and its `dir` from the language's
    /// script (`rtl`, else `auto`), so that right-to-left text is typed, shown and read out the right way round
    /// while the label stays in the page's language (WCAG 2.1: 3.1.2).
    public var language: String?
    /// More attributes of the control itself, such as `lang` and `dir` for text in another
    /// language than the page's (the label, hint and error stay in the page's language). Each
    /// was checked when made; one the field sets itself (`id`, `name`, `type`, `value`, and
    /// `aria-describedby` when it has a hint or error...) is refused by `html()`.
    public var extraAttributes: [HTMLAttribute]

    public init(
        id: String, name: String, label: String, control: Control = .input(type: "text"), value: String = "",
        hint: String? = nil, error: String? = nil, required: Bool = false, autocomplete: String? = nil,
        language: String? = nil,
        extraAttributes: [HTMLAttribute] = []
    ) {
        self.id = id
        self.name = name
        self.label = label
        self.control = control
        self.value = value
        self.hint = hint
        self.error = error
        self.required = required
        self.autocomplete = autocomplete
        self.language = language
        self.extraAttributes = extraAttributes
    }

    /// The hint's id, `<id>-hint`.
    public var hintID: String { id + "-hint" }
    /// The error's id, `<id>-error`.
    public var errorID: String { id + "-error" }

    /// The field in a `div` (class `field`, plus `field-error` while in error). The hint and
    /// the error come before the control, so they are read before one types. Refuses an id
    /// that is not ASCII letters, digits, '-' and '_' starting with a letter, since a space
    /// would split the `aria-describedby` list, and a `language` that is not a language tag.
    public func html() throws(HTMLError) -> HTML {
        try Self.checkIdentifier(id)
        var described: [String] = []
        var controlAttributes: [HTMLAttribute] = [.id(id), .name(name)]
        if let hint, !hint.isEmpty { described.append(hintID) }
        if let error, !error.isEmpty {
            described.append(errorID)
            controlAttributes.append(try .aria("invalid", "true"))
        }
        if !described.isEmpty { controlAttributes.append(try .aria("describedby", described.joined(separator: " "))) }
        if required { controlAttributes.append(.required) }
        if let autocomplete { controlAttributes.append(.autocomplete(autocomplete)) }
        if let language { controlAttributes += try HTMLAttribute.language(language) }
        let own = Set(controlAttributes.map(\.name)).union(["type", "value"])
        if let repeated = extraAttributes.first(where: { own.contains($0.name) }) {
            throw HTMLError(.forbiddenAttribute, name: repeated.name)
        }
        controlAttributes += extraAttributes
        let controlHTML = controlElement(controlAttributes)
        let isInvalid = described.contains(errorID)
        return HTML.element(.div, [.class(isInvalid ? "field field-error" : "field")]) {
            HTML.element(.label, [.for(id)]) { label }
            if let hint, !hint.isEmpty { HTML.element(.p, [.id(hintID), .class("hint")]) { hint } }
            if isInvalid, let error { HTML.element(.p, [.id(errorID), .class("error")]) { error } }
            controlHTML
        }
    }

    private func controlElement(_ attributes: [HTMLAttribute]) -> HTML {
        switch control {
        case .input(let type):
            return HTML.void(.input, attributes + [.type(type), .value(value)])
        case .textarea:
            return HTML.element(.textarea, attributes) { value }
        }
    }

    static func checkIdentifier(_ id: String) throws(HTMLError) {
        func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        func isIDByte(_ byte: UInt8) -> Bool {
            isLetter(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        guard let first = id.utf8.first, isLetter(first), id.utf8.allSatisfy(isIDByte) else {
            throw HTMLError(.invalidIdentifier, name: "id", value: id)
        }
    }
}
