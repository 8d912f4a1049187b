import FoundationEssentials
import SkyltCore
import SkyltHTML

/// The HTML of visitor pages, built with the escaping builder: one page per story and
/// language, and one per downloadable file. They need no JavaScript and load nothing but the
/// shared stylesheet (and the audio, when the visitor presses play).
enum VisitorPage {
    /// A text in the language a page asks for, or the fallback and the language it is in.
    struct Words {
        var text: String
        var language: String
    }

    /// A media file as a page links to it: a path relative to the page, its type and size.
    struct Media {
        var href: String
        var kind: VisitorFileKind
        var size: Int
        /// The name a download is saved under.
        var downloadName: String
    }

    /// `text` in `language`, else in `fallback`, else in any language it has.
    static func words(_ text: LocalizedText, in language: String, fallback: String) -> Words {
        for candidate in [language, fallback] {
            if let value = text.translations[candidate] { return Words(text: value, language: candidate) }
        }
        let first = text.translations.sorted { $0.key < $1.key }.first
        return Words(text: first?.value ?? "", language: first?.key ?? fallback)
    }

    /// A reading's page: title, author, the player, the text, and the other languages by their
    /// own names.
    static func reading(
        title: Words, author: Words, language: String, audio: Media?, text: String?, others: [Reading]
    ) throws -> HTML {
        let body = HTML.join([
            try HTML.element(.main) {
                try HTML.element(.h1, languageAttributes(title.language, page: language)) { title.text }
                try HTML.element(.p, [.class("author")] + languageAttributes(author.language, page: language)) {
                    author.text
                }
                if let audio { try player(audio, title: title.text) }
                if let text { HTML.element(.div, [.class("story")]) { paragraphs(text) } }
            },
            try languageLinks(others),
        ])
        return try document(language: language, title: title.text, body: body)
    }

    /// A downloadable file's page: its label as heading and one link that saves the file.
    static func file(label: Words, language: String, media: Media) throws -> HTML {
        let link = HTML.element(
            .a,
            [
                try .href(media.href), try HTMLAttribute("download", media.downloadName),
                .type(media.kind.mediaType),
            ]
        ) { "\(label.text) (\(media.kind.displayName), \(readableSize(media.size)))" }
        let body = try HTML.element(.main) {
            try HTML.element(.h1, languageAttributes(label.language, page: language)) { label.text }
            HTML.element(.p, [.class("download")]) { link }
        }
        return try document(language: language, title: label.text, body: body)
    }

    /// The page around `body`, with `lang` and `dir` on the root element.
    static func document(language: String, title: String, body: HTML) throws -> HTML {
        let direction = LanguageCode.direction(language) == .rtl ? "rtl" : "ltr"
        return HTML.join([
            .doctype,
            try HTML.element(.html, [try HTMLAttribute("lang", language), try HTMLAttribute("dir", direction)]) {
                try HTML.element(.head) {
                    HTML.void(.meta, [try HTMLAttribute("charset", "utf-8")])
                    HTML.void(
                        .meta,
                        [.name("viewport"), try HTMLAttribute("content", "width=device-width, initial-scale=1")])
                    HTML.element(.title) { title }
                    HTML.void(
                        .link, [try HTMLAttribute("rel", "stylesheet"), try .href("../" + VisitorStylesheet.fileName)])
                }
                HTML.element(.body) { body }
            },
        ])
    }

    /// `<audio controls preload="metadata">`: only the length is fetched until play is
    /// pressed. Browsers without audio show a link to the file instead.
    static func player(_ audio: Media, title: String) throws -> HTML {
        try HTML.element(.audio, [try HTMLAttribute("controls", nil), try HTMLAttribute("preload", "metadata")]) {
            HTML.void(.source, [try .src(audio.href), .type(audio.kind.mediaType)])
            HTML.element(.a, [try .href(audio.href)]) { title }
        }
    }

    /// Paragraphs at blank lines; single line breaks kept.
    static func paragraphs(_ text: String) -> HTML {
        let normalized = text.replacingAll("\r\n", with: "\n")
        let blocks = normalized.components(separatedBy: "\n\n")
            .map { $0.trimmed }
            .filter { !$0.isEmpty }
        return HTML.join(
            blocks.map { block in
                let lines = block.split(separator: "\n").map(String.init)
                return HTML.element(.p) {
                    for (index, line) in lines.enumerated() {
                        if index > 0 { HTML.void(.br) }
                        line
                    }
                }
            })
    }

    /// The other readings' pages, each named in its own language (a visitor looks for "العربية",
    /// not "Arabic"), with `lang` and `hreflang` so it is read out right.
    static func languageLinks(_ others: [Reading]) throws -> HTML {
        guard !others.isEmpty else { return .empty }
        return try HTML.element(.nav) {
            try HTML.element(.ul) {
                for reading in others {
                    try HTML.element(.li) {
                        try HTML.element(
                            .a,
                            [try .href(reading.language + ".html"), try HTMLAttribute("hreflang", reading.language)]
                                + languageAttributes(reading.language, page: "")
                        ) { LanguageCode.nativeName(reading.language) ?? reading.label }
                    }
                }
            }
        }
    }

    /// `lang` and `dir` for a text whose language is not the page's; none when it is.
    static func languageAttributes(_ language: String, page: String) throws -> [HTMLAttribute] {
        guard language != page else { return [] }
        let direction = LanguageCode.direction(language) == .rtl ? "rtl" : "ltr"
        return [try HTMLAttribute("lang", language), try HTMLAttribute("dir", direction)]
    }

    /// "830 kB", "1.4 MB": decimal units, as phones show them.
    static func readableSize(_ bytes: Int) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        if bytes < 1_000_000 { return "\(Int((Double(bytes) / 1000).rounded())) kB" }
        return NumberText.fixed(Double(bytes) / 1_000_000, decimals: 1) + " MB"
    }
}
