import Foundation
import SkyltCore
import SkyltHTML
import SkyltStudio

/// A story's readings in the slide form: one fieldset per reading, with its language, and
/// either a link or an audio file and the story's text in that language (for the visitor
/// page the studio's publish writes), and the file fields of QR codes. Field names are the
/// slide's JSON paths (`readings[1].audio`), so the reader's problems land at their field.
extension SlideFormHTML {
    /// The audio types the file picker offers; the server checks the bytes whatever is sent.
    static let audioAccept = "audio/ogg,audio/opus,audio/mpeg,audio/mp4,.ogg,.opus,.mp3,.m4a"
    static let downloadAccept = "application/pdf,image/png,image/jpeg,image/webp,.pdf,.png,.jpg,.jpeg,.webp"

    /// One reading's legend, before its number.
    static func readingLabel(_ context: WebContext) -> String { context.t("Uppläsning", "Reading") }

    /// The readings' fieldsets, after the readings' own hint and error.
    func readings(_ spec: SlideFieldSpec, label: String, hint: String?) throws -> HTML {
        let id = Self.id(spec.key)
        return try HTML.element(.div, [.id(id), .class("readings")]) {
            if let hint = hintText(spec.key, hint) { HTML.element(.p, [.class("hint")]) { hint } }
            if let error = errors[spec.key] {
                HTML.element(.p, [.id(id + "-error"), .class("error")]) { error }
            }
            for index in 0..<values.readingCount { try reading(index, label: Self.readingLabel(context)) }
        }
    }

    private func reading(_ index: Int, label: String) throws -> HTML {
        let name = { (key: String) in SlideReadingsHTML.name(index, key) }
        let language = values.value(name("language")).trimmingCharacters(in: .whitespaces)
        let textLanguage = LanguageCode.isValid(language) ? language : nil
        return try HTML.element(.fieldset) {
            HTML.element(.legend) { "\(label) \(index + 1)" }
            try field(
                name("language"), label: context.t("Språkkod", "Language code"),
                hint: context.t("Till exempel sv, ar eller uk.", "For example sv, ar or uk."))
            try field(
                name("url"), label: context.t("Länk", "Link"), type: "url",
                hint: context.t(
                    "En adress som börjar med https://, eller lämna tomt och ge ljud och text nedan.",
                    "An address starting with https://, or leave empty and give audio and text below."))
            try file(
                name("audio"), label: context.t("Ljud", "Audio"), accept: Self.audioAccept,
                hint: context.t(
                    "Ogg, Opus, MP3 eller M4A, högst 16 MB.", "Ogg, Opus, MP3 or M4A, at most 16 MB."))
            try field(
                name("text"),
                label: context.t("Berättelsens text på det här språket", "The story's text in this language"),
                long: true,
                hint: context.t(
                    "Visas under ljudet på besökarnas sida.", "Shown below the audio on the visitors' page."),
                language: textLanguage)
            try field(name("label"), label: context.t("Text under koden", "Text below the code"))
        }
    }

    /// A file input whose kept upload (its hidden `.current` and `.proof`) survives a form sent
    /// again, and is named as text below it.
    func file(_ name: String, label: String, accept: String, hint: String?) throws -> HTML {
        let current = values.value(SlideVisitorUpload.currentField(name))
        let proof = values.value(SlideVisitorUpload.proofField(name))
        return try HTML.join([
            HTMLFormField(
                id: Self.id(name), name: name, label: label, control: .input(type: "file"),
                hint: hintText(name, hint), error: errors[name], extraAttributes: [try HTMLAttribute("accept", accept)]
            ).html(),
            HTML.void(.input, [.type("hidden"), .name(SlideVisitorUpload.currentField(name)), .value(current)]),
            proof.isEmpty
                ? .empty
                : HTML.void(.input, [.type("hidden"), .name(SlideVisitorUpload.proofField(name)), .value(proof)]),
            current.isEmpty
                ? .empty
                : HTML.element(.p, [.class("hint")]) {
                    context.t("Nuvarande fil: ", "Current file: ")
                    HTML.element(.code) { current }
                },
        ])
    }

    /// The QR code's file to download.
    func download(_ spec: SlideFieldSpec, label: String, hint: String?) throws -> HTML {
        try file(spec.key, label: label, accept: Self.downloadAccept, hint: hint)
    }
}

/// The names of a reading's fields.
enum SlideReadingsHTML {
    /// `readings[<index>].<key>`.
    static func name(_ index: Int, _ key: String) -> String { "readings[\(index)].\(key)" }

    static let keys = ["language", "url", "audio", "text", "label"]
}
