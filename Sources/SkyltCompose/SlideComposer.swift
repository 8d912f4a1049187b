public import FoundationEssentials
public import SkyltCore

/// Turns slides into frames at one display size. Templates take care of layout, legibility and
/// QR size; editors only fill in fields.
///
/// Not thread-safe: use one composer from one thread. Composition reads media files and
/// touches nothing else.
public final class SlideComposer {
    public let profile: DisplayProfile
    public let legibility: Legibility
    /// The kiosk's display languages, in its order: a slide's language row lists those it is
    /// written in, as the kiosk cycles through them. Nil (a playlist's previews and checks,
    /// with no kiosk) lists every language the slide is written in, as previews draw them.
    public let displayLanguages: [String]?

    public init(profile: DisplayProfile, displayLanguages: [String]? = nil) {
        self.profile = profile
        legibility = Legibility(profile)
        self.displayLanguages = displayLanguages
    }

    /// The languages `slide` cycles through, in the order they play: the row at its top names
    /// them when there are several.
    public func languages(of slide: ProgramSlide) -> [String] {
        guard let displayLanguages else { return LayoutCheck.languages(of: slide) }
        return LanguageChoice.languages(for: slide, display: displayLanguages)
    }

    /// Composes a slide in a language as it is at `now` (data templates count down to it).
    /// Throws when a field cannot be drawn legibly or a medium cannot be read; nothing
    /// overflowing or clipped is ever drawn.
    public func compose(_ slide: ProgramSlide, language: String, at now: Date = Date()) throws(ComposeError)
        -> Composition
    {
        let canvas = Canvas(width: profile.widthPixels, height: profile.heightPixels)
        let urgent = slide.slide.priority == .urgent
        let painter = SlidePainter(
            canvas: canvas, legibility: legibility, slide: slide, language: language, urgent: urgent,
            languages: languages(of: slide))
        let templates = Templates(painter: painter, slide: slide, now: now)
        try templates.draw()
        painter.paintLanguages()
        return Composition(frame: canvas.finish(), layout: painter.layout)
    }

    /// The calm screen shown while there is nothing to play: the kiosk's name, its addresses
    /// (so a technician can reach the status page) and the version.
    public func composeNoContent(kioskName: String, addresses: [String], version: String, language: String) -> Frame {
        let canvas = Canvas(width: profile.widthPixels, height: profile.heightPixels)
        let slide = ProgramSlide(
            slide: Slide(
                id: "no-content", durationSeconds: 60,
                content: .poster(image: URL(fileURLWithPath: "/"), caption: nil, qr: nil)),
            channel: "", defaultLanguage: language, theme: .standard, timeZone: .current)
        let painter = SlidePainter(
            canvas: canvas, legibility: legibility, slide: slide, language: language, urgent: false)
        let area = painter.paintBackground()
        let details = [
            kioskName,
            "\(painter.builtIn(.addresses)): " + (addresses.isEmpty ? "–" : addresses.joined(separator: ", ")),
            "\(painter.builtIn(.version)): \(version)",
        ]
        let blocks: [SlidePainter.Block] = [
            .init(field: "title", text: painter.builtIn(.noContentTitle), role: .title),
            .init(field: "body", text: painter.builtIn(.noContentBody), role: .body),
            .init(field: "details", text: details.joined(separator: "\n"), role: .caption),
        ]
        // Built-in text always fits a screen; if it ever did not, a plain background is calmer
        // than an error.
        _ = try? painter.column(blocks, in: area, center: true)
        return canvas.finish()
    }

    /// The "identify" screen a technician asks for from the status page: the kiosk's name and
    /// addresses, as large as they fit, on the accent colour, so the right screen is found.
    public func composeIdentify(kioskName: String, addresses: [String]) -> Frame {
        let canvas = Canvas(width: profile.widthPixels, height: profile.heightPixels)
        var theme = Theme.standard
        theme.background = theme.accent
        theme.foreground = theme.accentForeground
        let slide = ProgramSlide(
            slide: Slide(
                id: "identify", durationSeconds: Slot.identifySeconds,
                content: .poster(image: URL(fileURLWithPath: "/"), caption: nil, qr: nil)),
            channel: "", defaultLanguage: "en", theme: theme, timeZone: .current)
        let painter = SlidePainter(canvas: canvas, legibility: legibility, slide: slide, language: "en", urgent: false)
        let area = painter.paintBackground()
        var blocks: [SlidePainter.Block] = [.init(field: "name", text: kioskName, role: .price)]
        blocks.append(
            .init(field: "addresses", text: addresses.isEmpty ? "–" : addresses.joined(separator: "\n"), role: .title))
        _ = try? painter.column(blocks, in: area, center: true)
        return canvas.finish()
    }
}
