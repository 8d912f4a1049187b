internal import CCairo
import SkyltCore

/// The quiet row at the top of a slide that plays in several languages: every language it
/// cycles through, in the order they play, the one showing now in full colour and bold, the
/// others dimmed, so that viewers know theirs is coming.
///
/// The row is measured when the painter is made (templates lay out below it) and drawn after
/// the template (so that an image bleeding under it never covers it). One indicator belongs to
/// one canvas, on one thread; it owns its Pango layout.
final class LanguageIndicator {
    /// The field the row is drawn for, which names it in errors and layouts.
    static let field = "languages"
    /// How strongly the languages not showing now are drawn.
    static let dimmedAlpha = 0.6
    /// How opaque the pill behind the row is, over an image or a poster's backdrop.
    static let backdropAlpha = 0.8
    /// Between names on a line; a row too long for one line breaks between names instead.
    static let separator = " · "
    /// First Strong Isolate and Pop Directional Isolate: each name keeps its own direction,
    /// and the row keeps the page's order, whatever scripts it mixes.
    static let isolateStart = "\u{2068}"
    static let isolateEnd = "\u{2069}"

    let languages: [String]
    let current: String
    let rightToLeft: Bool
    /// The row as drawn, each name isolated, lines broken between names.
    private(set) var text = ""
    /// The byte range of each name in `text`, for its weight and colour.
    private(set) var nameRanges: [Range<Int>] = []
    let capHeight: Double
    /// Where the layout's origin is drawn, and its extents there.
    private(set) var origin = (x: 0.0, y: 0.0)
    private(set) var inkRect = Rect(x: 0, y: 0, width: 0, height: 0)
    private(set) var logicalRect = Rect(x: 0, y: 0, width: 0, height: 0)
    /// The room the row takes at the top of the safe area, its pill's edge and a gap below it.
    private(set) var bandHeight = 0.0
    /// The pill's padding around the row.
    let padding: Double

    private let cr: OpaquePointer
    private let layout: OpaquePointer
    private let font: OpaquePointer
    private let wrapWidth: Double
    private var lineCount = 0
    /// The safe area's start edge, less the ink inset: where the row's ink begins, on the
    /// right of a right-to-left page.
    private let edgeX: Double

    /// The row for `languages` at the top of `safe`, at its start edge; nil unless there is
    /// more than one language and `current` is one of them.
    init?(
        languages: [String], current: String, cr: OpaquePointer, safe: Rect, typeScale: TypeScale, gap: Double,
        rightToLeft: Bool
    ) {
        guard languages.count > 1, languages.contains(current) else { return nil }
        self.languages = languages
        self.current = current
        self.rightToLeft = rightToLeft
        self.cr = cr
        capHeight = typeScale.caption.steps[0]
        padding = (gap / 3).rounded()
        layout = pango_cairo_create_layout(cr)!
        font = pango_font_description_from_string(TextFitter.family)!
        let inset = typeScale.inkInset
        wrapWidth = safe.width - 2 * inset
        edgeX = rightToLeft ? safe.maxX - inset : safe.x + inset
        // Measured all in bold, the widest the row can be, so that every page of the slide
        // reserves the same band and its content stays put from language to language.
        breakLines(leading: typeScale.caption.leading)
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_pixel_extents(layout, &ink, &logical)
        lineCount = Int(pango_layout_get_line_count(layout))
        let y = safe.y + max(0, Double(-ink.y), Double(-logical.y))
        origin = (startX(ink), y)
        (inkRect, logicalRect) = Self.rects(ink, logical, at: origin)
        bandHeight = inkRect.union(logicalRect).maxY - safe.y + padding / 2 + gap
    }

    deinit {
        pango_font_description_free(font)
        skylt_pango_layout_free(layout)
    }

    /// The origin's x that puts the ink's start at the start edge.
    private func startX(_ ink: PangoRectangle) -> Double {
        rightToLeft ? edgeX - Double(ink.x + ink.width) : edgeX - Double(ink.x)
    }

    /// The widest line of the row broken before each name in `breaks`, all in bold.
    private func widestLine(breaks: Set<Int>, leading: Double) -> Double {
        (text, nameRanges) = Self.row(languages, breaks: breaks)
        configure(leading: leading, boldRanges: nameRanges)
        var widest = 0.0
        for line in 0..<pango_layout_get_line_count(layout) {
            var ink = PangoRectangle()
            var logical = PangoRectangle()
            pango_layout_line_get_pixel_extents(pango_layout_get_line_readonly(layout, line), &ink, &logical)
            widest = max(widest, Double(max(ink.width, logical.width)))
        }
        return widest
    }

    /// Puts as many names on each line as fit the safe width, all in bold, and leaves the
    /// layout set up with that text. Breaking between names, not inside a line's separators,
    /// keeps every line starting and ending with a name; a row of two lines is balanced, so
    /// that no name stands alone on the second.
    private func breakLines(leading: Double) {
        var breaks: Set<Int> = []
        for index in languages.indices.dropFirst() {
            // The names so far: when the one at `index` makes their last line too wide, it
            // starts a new line.
            (text, nameRanges) = Self.row(Array(languages[...index]), breaks: breaks)
            configure(leading: leading, boldRanges: nameRanges)
            let last = pango_layout_get_line_readonly(layout, pango_layout_get_line_count(layout) - 1)
            var ink = PangoRectangle()
            var logical = PangoRectangle()
            pango_layout_line_get_pixel_extents(last, &ink, &logical)
            if Double(max(ink.width, logical.width)) > wrapWidth { breaks.insert(index) }
        }
        if breaks.count == 1 {
            let widths = languages.indices.dropFirst().map { ($0, widestLine(breaks: [$0], leading: leading)) }
            if let best = widths.filter({ $0.1 <= wrapWidth }).min(by: { $0.1 < $1.1 }) { breaks = [best.0] }
        }
        (text, nameRanges) = Self.row(languages, breaks: breaks)
        configure(leading: leading, boldRanges: nameRanges)
    }

    /// The row's text, each name between isolates, a line break before each name in `breaks`,
    /// and where each name lies in its UTF-8 bytes.
    static func row(_ languages: [String], breaks: Set<Int> = []) -> (text: String, ranges: [Range<Int>]) {
        var text = ""
        var ranges: [Range<Int>] = []
        for (index, language) in languages.enumerated() {
            if index > 0 { text += breaks.contains(index) ? "\n" : separator }
            text += isolateStart
            let start = text.utf8.count
            // Each language's own name (a Tigrinya reader looks for "ትግርኛ"), or its code.
            text += LanguageCode.nativeName(language) ?? language
            ranges.append(start..<text.utf8.count)
            text += isolateEnd
        }
        return (text, ranges)
    }

    /// Sets the layout's font, width, direction and text, with `boldRanges` in bold and every
    /// other byte dimmed.
    private func configure(leading: Double, boldRanges: [Range<Int>]) {
        pango_font_description_set_absolute_size(
            font, capHeight / TextFitter.capHeightRatio * Double(skylt_pango_scale()))
        pango_layout_set_font_description(layout, font)
        pango_layout_set_width(layout, -1)
        pango_layout_set_alignment(layout, rightToLeft ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT)
        pango_layout_set_line_spacing(layout, Float(leading / TextFitter.lineHeightRatio))
        pango_layout_set_auto_dir(layout, 0)
        let context = pango_layout_get_context(layout)
        pango_context_set_base_dir(context, rightToLeft ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR)
        pango_layout_context_changed(layout)
        pango_layout_set_text(layout, text, -1)
        let attributes = pango_attr_list_new()!
        var plain = 0
        for range in boldRanges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            Self.insert(
                pango_attr_foreground_alpha_new(Self.alpha(Self.dimmedAlpha)), plain..<range.lowerBound,
                into: attributes)
            Self.insert(pango_attr_weight_new(PANGO_WEIGHT_BOLD), range, into: attributes)
            plain = range.upperBound
        }
        Self.insert(
            pango_attr_foreground_alpha_new(Self.alpha(Self.dimmedAlpha)), plain..<text.utf8.count, into: attributes)
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
    }

    private static func rects(_ ink: PangoRectangle, _ logical: PangoRectangle, at origin: (x: Double, y: Double))
        -> (ink: Rect, logical: Rect)
    {
        let rect = { (r: PangoRectangle) in
            Rect(
                x: origin.x + Double(r.x), y: origin.y + Double(r.y), width: Double(r.width), height: Double(r.height))
        }
        return (rect(ink), rect(logical))
    }

    private static func alpha(_ share: Double) -> UInt16 { UInt16((share * 65535).rounded()) }

    /// Adds an attribute over a byte range; the list takes ownership of it.
    private static func insert(
        _ attribute: UnsafeMutablePointer<PangoAttribute>?, _ range: Range<Int>, into list: OpaquePointer
    ) {
        guard let attribute else { return }
        guard !range.isEmpty else {
            pango_attribute_destroy(attribute)
            return
        }
        attribute.pointee.start_index = UInt32(range.lowerBound)
        attribute.pointee.end_index = UInt32(range.upperBound)
        pango_attr_list_insert(list, attribute)
    }

    /// The row's box: its ink and its lines.
    var box: Rect { inkRect.union(logicalRect) }

    /// The pill behind the row.
    var pill: Rect {
        let box = self.box
        return Rect(
            x: box.x - padding, y: box.y - padding / 2, width: box.width + 2 * padding, height: box.height + padding)
    }

    /// Draws the pill in `background` (invisible on a plain slide; over an image it keeps the row
    /// legible), then the row, the current language bold and in full `foreground`.
    func draw(foreground: Color, background: Color, leading: Double) {
        let index = languages.firstIndex(of: current) ?? 0
        configure(leading: leading, boldRanges: [nameRanges[index]])
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_pixel_extents(layout, &ink, &logical)
        // One name in bold is narrower than all of them: the row starts at the edge again.
        origin.x = startX(ink)
        (inkRect, logicalRect) = Self.rects(ink, logical, at: origin)
        fillPill(background)
        cairo_set_source_rgb(cr, foreground.red, foreground.green, foreground.blue)
        cairo_move_to(cr, origin.x, origin.y)
        pango_cairo_show_layout(cr, layout)
    }

    private func fillPill(_ color: Color) {
        let rect = pill
        // Round ends on one line; a row of two lines keeps the corners of one.
        let r = min(rect.height, (logicalRect.height / Double(max(1, lineCount)) + padding)) / 2
        cairo_set_source_rgba(cr, color.red, color.green, color.blue, Self.backdropAlpha)
        Canvas.roundedPath(cr, rect, radius: r)
        cairo_fill(cr)
    }

    /// What the layout file says of the row: one text in many languages ("mul").
    var placed: FittedText {
        var fitted = FittedText(
            field: Self.field, text: text, box: box, originX: origin.x, originY: origin.y, inkRect: inkRect,
            logicalRect: logicalRect, fontPixelSize: capHeight / TextFitter.capHeightRatio, capHeight: capHeight,
            minimumCapHeight: capHeight, unknownGlyphs: Int(pango_layout_get_unknown_glyphs_count(layout)),
            lineCount: lineCount, breaksInsideWords: false)
        fitted.wrapWidth = wrapWidth
        fitted.role = .languages
        fitted.language = "mul"
        fitted.direction = rightToLeft ? .rtl : .ltr
        fitted.alignment = .start
        return fitted
    }
}
