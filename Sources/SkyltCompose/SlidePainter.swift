import FoundationEssentials
import SkyltCore

/// The text roles of a slide, each with its legibility floor and how far above it may grow.
enum TextRole {
    case title, subtitle, body, caption, price

    var bold: Bool { self == .title || self == .price }
}

/// Draws one slide onto one canvas, in one language, and records what it placed.
/// Templates call it; it owns the rules that every template shares: legible sizes, text that
/// fits or fails with the field's name, QR codes of a scannable size.
final class SlidePainter {
    let canvas: Canvas
    let fitter: TextFitter
    let legibility: Legibility
    let slideID: String
    let language: String
    let defaultLanguage: String
    let background, foreground: Color
    let theme: Theme
    let content: SlideContent
    /// Everything drawn so far, in order, with what it is for.
    private(set) var elements: [LayoutElement] = []
    /// The playlist's own wording for built-in texts.
    let strings: [BuiltInText: LocalizedText]
    /// Where the subject of the slide's image is, and the fit its editor chose.
    let imageFraming: ImageFraming

    /// The room text and codes stay inside.
    let safeArea: SafeArea
    /// The spacing unit between blocks: 5% of the short side, whatever the safe inset.
    let margin: Double
    var gap: Double { margin / 2 }
    /// The twelve columns blocks sit on, mirrored in right-to-left languages.
    let grid: Grid
    /// The kiosk's type sizes.
    let typeScale: TypeScale

    /// The row of the slide's languages at the top of the safe area, when it plays in several.
    let indicator: LanguageIndicator?
    /// The safe area below the language row: where templates lay out text, codes and
    /// contained images. The whole safe area when there is no row.
    let contentArea: Rect
    /// The colours the language row is drawn in when it stands on something of the template's
    /// own, such as the urgent band: its text colour and the colour of its pill.
    var languageRowColours: (foreground: Color, background: Color)?

    /// `languages` are those the slide cycles through on this kiosk, in the order they play;
    /// with more than one, a row of them heads the slide.
    init(
        canvas: Canvas, legibility: Legibility, slide: ProgramSlide, language: String, urgent: Bool,
        languages: [String] = []
    ) {
        self.canvas = canvas
        fitter = TextFitter(cr: canvas.cr)
        self.legibility = legibility
        slideID = slide.slide.id
        self.language = language
        defaultLanguage = slide.defaultLanguage
        theme = slide.theme
        content = slide.slide.content
        strings = slide.context.strings
        imageFraming = slide.slide.imageFraming
        background = urgent ? slide.theme.urgentBackground : slide.theme.background
        foreground = urgent ? slide.theme.urgentForeground : slide.theme.foreground
        safeArea = SafeArea(
            width: canvas.width, height: canvas.height, percent: legibility.profile.safeAreaPercent)
        margin = (Double(min(canvas.width, canvas.height)) * 0.05).rounded()
        typeScale = TypeScale(legibility)
        let rightToLeft = LanguageCode.direction(language) == .rtl
        indicator = LanguageIndicator(
            languages: languages, current: language, cr: canvas.cr,
            safe: Self.languageRowArea(safeArea.rect, content: content, canvas: canvas, rightToLeft: rightToLeft),
            typeScale: typeScale, gap: margin / 2, rightToLeft: rightToLeft)
        contentArea = safeArea.rect.sliceTop(indicator?.bandHeight ?? 0).1
        grid = Grid(safeArea: contentArea, frameWidth: canvas.width, rightToLeft: rightToLeft)
    }

    /// Where the language row may run: the safe width, or on a landscape offer only the
    /// picture's part of it, so that its pill never straddles the picture's edge.
    static func languageRowArea(_ safe: Rect, content: SlideContent, canvas: Canvas, rightToLeft: Bool) -> Rect {
        guard case .offer = content, canvas.width > canvas.height else { return safe }
        // The picture bleeds from the frame's edge; the row keeps the safe inset on both sides.
        let picture = Double(canvas.width) * Templates.offerImageShare
        let width = min(safe.width, picture - 2 * safe.x)
        return Rect(x: rightToLeft ? safe.maxX - width : safe.x, y: safe.y, width: width, height: safe.height)
    }

    /// What was drawn, for the layout file and the checks.
    var layout: Layout {
        Layout(
            width: canvas.width, height: canvas.height, safeArea: safeArea.rect, language: language,
            direction: LanguageCode.direction(language), elements: elements)
    }

    /// Records a drawn text with its role, language and alignment.
    private func record(_ fitted: FittedText, text: String, style: TextStyle) {
        var placed = fitted
        placed.text = text
        placed.role = TextRoles.role(of: fitted.field)
        placed.language = TextRoles.language(
            of: fitted.field, content: content, language: language, fallback: defaultLanguage)
        placed.direction = LanguageCode.direction(placed.language)
        placed.alignment = style.alignment == .center ? .center : .start
        elements.append(.text(placed))
    }

    var isPortrait: Bool { canvas.height > canvas.width }

    func fail(_ field: String, _ reason: String) -> ComposeError {
        ComposeError(slide: slideID, field: field, reason: reason)
    }

    func resolve(_ text: LocalizedText?) -> String? {
        text?.text(in: language, fallback: defaultLanguage)
    }

    /// A built-in text in the slide's language: the playlist's override first, then the catalogue.
    func builtIn(_ text: BuiltInText) -> String { text.text(in: language, overrides: strings) }

    /// The background and the accent bar every slide starts with. Returns the content area.
    func paintBackground() -> Rect {
        canvas.fill(canvas.bounds, background)
        let bar = (margin / 4).rounded()
        canvas.fill(Rect(x: 0, y: 0, width: Double(canvas.width), height: bar), theme.accent)
        return contentArea
    }

    /// Draws the language row over whatever the template drew, and records it.
    func paintLanguages() {
        guard let indicator else { return }
        let colours = languageRowColours ?? (foreground, background)
        indicator.draw(
            foreground: colours.foreground, background: colours.background, leading: typeScale.caption.leading)
        elements.append(.text(indicator.placed))
    }

    /// The style of a role: its sizes from the kiosk's type scale (all of them, or only the
    /// one at `step`), its leading, and the slide's reading direction.
    func style(_ role: TextRole, color: Color? = nil, center: Bool = false, step: Int? = nil) -> TextStyle {
        let scale = typeScale.role(role)
        let steps = step.map { [scale.steps[min($0, scale.steps.count - 1)]] } ?? scale.steps
        // Arabic letters stack marks above and below: tight title leading makes lines touch.
        let leading = grid.rightToLeft ? max(scale.leading, 1.4) : scale.leading
        return TextStyle(
            minimumCapHeight: steps.last!, maximumCapHeight: steps[0], bold: role.bold, color: color ?? foreground,
            alignment: center ? .center : .start, leading: leading, rightToLeft: grid.rightToLeft,
            inkInset: typeScale.inkInset, steps: steps, balanced: role == .title)
    }

    /// Fits and draws one text in `box`, top-aligned. Returns its layout.
    @discardableResult
    func text(_ field: String, _ text: String, in box: Rect, style: TextStyle) throws(ComposeError) -> FittedText {
        let fitted = try measure(field, text, in: box, style: style)
        fitter.draw(text, fitted, style: style)
        record(fitted, text: text, style: style)
        return fitted
    }

    /// Fits one text in `box` without drawing it; the error says by how much it is too long.
    func measure(_ field: String, _ text: String, in box: Rect, style: TextStyle) throws(ComposeError) -> FittedText {
        do {
            return try fitter.fit(text, field: field, in: box, style: style)
        } catch {
            throw fail(
                field,
                "does not fit in \(Int(box.width))x\(Int(box.height)) px at the legible minimum (cap height \(Int(error.minimumCapHeight.rounded())) px): \(error.amount); shorten it"
            )
        }
    }

    /// The space after a block: after a title at least one body line, so that the title's
    /// own lines read as one group; between other blocks half a body line.
    func spacing(after role: TextRole) -> Double {
        let line = typeScale.body.steps[0] / TextFitter.capHeightRatio * typeScale.body.leading
        return role == .title || role == .price ? line : line / 2
    }

    /// Where a column of blocks sits in its box's height.
    enum Anchor { case top, middle, bottom }

    /// One text block in a column.
    struct Block {
        var field: String
        var text: String
        var role: TextRole
        var color: Color? = nil
        /// The space after the block, when it belongs closer to the next than its role's
        /// spacing says (the lines of an event's date block).
        var spaceAfter: Double? = nil
    }

    /// Stacks blocks from the top of `box`, each at its role's size in the type scale. When they
    /// do not all fit, every block takes its role's next smaller step (at most two), before
    /// giving up on the first block that still does not fit. `center` centres the lines and
    /// the block; `anchor` places the block in the box's height. Returns the height used.
    @discardableResult
    func column(_ blocks: [Block], in box: Rect, center: Bool = false, anchor: Anchor = .top) throws(ComposeError)
        -> Double
    {
        var lastError: ComposeError?
        for step in 0..<3 {
            var remaining = box
            var fitted: [(Block, FittedText, TextStyle)] = []
            lastError = nil
            for block in blocks {
                let style = self.style(block.role, color: block.color, center: center, step: step)
                do {
                    let layout = try fitter.fit(block.text, field: block.field, in: remaining, style: style)
                    fitted.append((block, layout, style))
                    let used = max(layout.logicalRect.maxY, layout.inkRect.maxY) - remaining.y
                    remaining = remaining.sliceTop(used, gap: block.spaceAfter ?? spacing(after: block.role)).1
                } catch {
                    lastError = fail(
                        block.field,
                        "does not fit at the legible minimum (cap height \(Int(error.minimumCapHeight.rounded())) px) beside the other texts: \(error.amount); shorten it"
                    )
                    break
                }
            }
            if lastError == nil {
                let slack = max(0, remaining.height + spacing(after: blocks.last?.role ?? .body))
                let offset = center || anchor == .middle ? slack / 2 : anchor == .bottom ? slack : 0
                for (block, layout, style) in fitted {
                    let placed = layout.moved(dy: offset)
                    fitter.draw(block.text, placed, style: style)
                    record(placed, text: block.text, style: style)
                }
                return box.height - remaining.height
            }
        }
        throw lastError!
    }

    /// Draws a media file into `box`. The slide's own image takes its editor's framing: the
    /// fit they chose over the template's `fit`, cropped around their focus point; an image
    /// shown whole in a box of another shape stands on its soft extension, not on empty bands.
    func image(_ field: String, _ url: URL, in box: Rect, fit: ImageFit, picture decoded: Picture? = nil)
        throws(ComposeError)
    {
        let framing = field == "image" ? imageFraming : .standard
        let chosen = framing.fit ?? fit
        do {
            var picture = decoded
            if picture == nil { picture = try Picture(contentsOf: url) }
            let placement = try picture!.draw(
                on: canvas, in: box, fit: chosen, focus: framing.focus, extend: framing.fit == .contain)
            let shown = placement.intersection(box)
            elements.append(.image(PlacedImage(field: field, box: shown, bleed: !safeArea.rect.contains(shown))))
        } catch {
            throw fail(field, "\(url.lastPathComponent): \(error.reason)")
        }
    }

    /// Records a picture a template drew itself (a weather symbol), for the layout and checks.
    func recordImage(_ image: PlacedImage) { elements.append(.image(image)) }

    /// The symbol for a payload, or an error naming the field.
    func symbol(_ field: String, _ payload: String) throws(ComposeError) -> QRSymbol {
        guard let symbol = QRSymbol(payload) else { throw fail(field, "is too long for a QR code") }
        return symbol
    }

    /// Side of the code's light plate (symbol plus quiet zone) at a module size.
    func plateSide(_ symbol: QRSymbol, modulePixels: Int) -> Double {
        Double((symbol.size + 2 * Legibility.qrQuietZoneModules) * modulePixels)
    }

    /// The height a one-line caption takes under a code.
    var captionLineHeight: Double { legibility.minimumBodyCapHeightPixels / TextFitter.capHeightRatio * 1.5 }

    /// Module size for codes in a box: at least the legibility minimum, up to half again as
    /// large when there is room, so that codes scan easily from further away.
    func modulePixels(for symbol: QRSymbol, in box: Rect, labelled: Bool) -> Int {
        let minimum = legibility.qrModulePixels(modules: symbol.size)
        let quiet = 2 * Legibility.qrQuietZoneModules
        let room = min(box.width, box.height - (labelled ? captionLineHeight * 2 : 0))
        let fitting = Int(room / Double(symbol.size + quiet))
        return max(minimum, min(fitting, Int((Double(minimum) * 1.5).rounded(.down))))
    }

    /// The smallest box a labelled code needs.
    func codeSize(_ symbol: QRSymbol, labelled: Bool) -> (width: Double, height: Double) {
        let side = plateSide(symbol, modulePixels: legibility.qrModulePixels(modules: symbol.size))
        return (side, side + (labelled ? captionLineHeight * 2 + gap / 2 : 0))
    }

    /// Draws a QR code (and its label below) centred at the top of `box`. Fails when the box
    /// cannot hold a code of the minimum scannable size.
    @discardableResult
    func code(_ field: String, payload: String, label: String?, in box: Rect, modulePixels forced: Int? = nil)
        throws(ComposeError) -> Rect
    {
        let symbol = try symbol(field, payload)
        let pixels = forced ?? modulePixels(for: symbol, in: box, labelled: label != nil)
        return try code(field, symbol: symbol, payload: payload, label: label, in: box, modulePixels: pixels)
    }

    /// Draws an encoded symbol at a module size, centred at the top of `box`, its label below.
    func code(
        _ field: String, symbol: QRSymbol, payload: String, label: String?, in box: Rect, modulePixels pixels: Int
    )
        throws(ComposeError) -> Rect
    {
        let side = plateSide(symbol, modulePixels: pixels)
        guard side <= box.width + 0.5, side <= box.height + 0.5 else {
            throw fail(
                field,
                "needs \(Int(side)) px for a code that scans from \(legibility.profile.scanDistanceMeters) m; there are \(Int(box.width))x\(Int(box.height)) px"
            )
        }
        let origin = (x: box.x + (box.width - side) / 2, y: box.y)
        let rect = canvas.drawQR(symbol, modulePixels: pixels, at: origin)
        elements.append(
            .code(
                PlacedCode(
                    field: field, payload: payload, symbolRect: rect, modules: symbol.size, modulePixels: pixels)))
        if let label {
            let labelBox = Rect(
                x: box.x, y: box.y + side + gap / 2, width: box.width, height: box.maxY - box.y - side - gap / 2)
            try text(field + ".label", label, in: labelBox, style: style(.caption, center: true))
        }
        return Rect(x: origin.x, y: origin.y, width: side, height: side)
    }
}
