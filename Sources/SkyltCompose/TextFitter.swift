internal import CCairo
import FoundationEssentials
public import SkyltCore

/// How a block of text looks and how far it may shrink.
struct TextStyle {
    /// Cap height range in pixels: the fitter starts at the top and never goes below the bottom.
    var minimumCapHeight: Double
    var maximumCapHeight: Double
    var bold: Bool
    var color: Color
    var alignment: Alignment = .start
    /// Line pitch as a multiple of the font size.
    var leading = 1.3
    /// Lines run right to left: start is the right edge, and the paragraph's base direction is RTL.
    var rightToLeft = false
    /// Where a start-aligned text's ink begins, from the box's start edge; nil keeps Pango's
    /// logical edge (the font's side bearing shows).
    var inkInset: Double?
    /// The cap heights to try, largest first; nil shrinks from the maximum to the minimum.
    var steps: [Double]?
    /// Titles: lines are balanced, broken at the width (keeping their number) that makes them most even.
    var balanced = false
    /// The font family: Noto Sans for words, a monospaced face for data to copy.
    var family = TextFitter.family
    /// The text is data that runs left to right (a password on an Arabic page), its lines still
    /// aligned to the page's start edge, so that bidi never reorders its characters; it is
    /// laid out exactly as written (no hyphens at breaks, no added no-break spaces).
    var leftToRightText = false

    enum Alignment { case start, center }
}

/// A text laid out to fit a box: what was chosen and where it lies. Tests check these figures
/// against the box and the legibility minimum.
public struct FittedText: Sendable, Equatable {
    public var field: String
    /// The text as drawn, so tests can read what a slide says.
    public var text: String
    /// The room the text was given; ink and layout stay inside it.
    public var box: Rect
    /// Where the layout's top left corner is drawn.
    public var originX: Double
    public var originY: Double
    /// Where the ink and the logical extents of the laid-out text lie, in frame pixels.
    public var inkRect: Rect
    public var logicalRect: Rect
    public var fontPixelSize: Double
    public var capHeight: Double
    public var minimumCapHeight: Double
    public var unknownGlyphs: Int
    public var lineCount: Int
    /// Whether words had to be broken (hyphenated) to fit.
    public var breaksInsideWords: Bool
    /// The family of the font Pango drew the first run with, as fontconfig resolved it.
    public var fontFamily = ""
    /// Each line as broken, with the no-break spaces of `KeepTogether`.
    public var lines: [String] = []
    /// The width the lines were broken at (narrower than the box when balanced).
    var wrapWidth: Double = 0
    /// What the painter drew: its role, its language and how its lines align.
    public var role = LayoutRole.body
    public var language = "zxx"
    public var direction = TextDirection.ltr
    public var alignment = LayoutAlignment.start

    /// Everything the text covers: its ink, and its lines' logical extent.
    public var drawnRect: Rect { inkRect.union(logicalRect) }

    /// The same layout drawn `dy` pixels lower in the same box (for vertical centring; the
    /// caller keeps it inside the box).
    func moved(dy: Double) -> FittedText {
        var copy = self
        copy.originY += dy
        copy.inkRect.y += dy
        copy.logicalRect.y += dy
        return copy
    }
}

/// The text does not fit its box at the smallest legible size.
struct TextOverflow: Error {
    var field: String
    var box: Rect
    var minimumCapHeight: Double
    /// The height it needs at the minimum size, and its line height there.
    var neededHeight: Double
    var lineHeight: Double

    /// By how much it is too tall, as an editor can act on it.
    var amount: String {
        let excess = max(1, (neededHeight - box.height).rounded(.up))
        let lines = max(1, Int((excess / lineHeight).rounded(.up)))
        return
            "it needs \(Int(neededHeight.rounded(.up))) px of height and has \(Int(box.height)) px: \(Int(excess)) px (about \(lines) line\(lines == 1 ? "" : "s")) too much"
    }
}

/// Lays out text with Pango and shrinks it, step by step, until it fits its box, but never
/// below the legible minimum. Pango does the hard parts: script itemisation, font fallback per
/// script through fontconfig, bidi, shaping with HarfBuzz, and line breaking by each script's rules.
///
/// One fitter belongs to one canvas, on one thread.
final class TextFitter {
    static let family = "Noto Sans"
    /// Each shrink step is 6%: fine enough to use the space, few enough layouts to stay fast.
    static let shrinkFactor = 0.94

    private let cr: OpaquePointer
    private let layout: OpaquePointer
    private let regular: OpaquePointer
    private let bold: OpaquePointer
    /// Descriptions of other families (data's monospaced face), made on first use.
    private var others: [String: OpaquePointer] = [:]
    private let scale = Double(skylt_pango_scale())
    /// How many layouts this fitter has made: each costs time linear in its text, so this is
    /// what the bound on fitting is stated in, and what tests hold it to.
    private(set) var layoutCount = 0

    init(cr: OpaquePointer) {
        self.cr = cr
        layout = pango_cairo_create_layout(cr)!
        regular = pango_font_description_from_string(Self.family)!
        bold = pango_font_description_from_string(Self.family + " Bold")!
        pango_layout_set_auto_dir(layout, 0)
    }

    deinit {
        pango_font_description_free(regular)
        pango_font_description_free(bold)
        for description in others.values { pango_font_description_free(description) }
        skylt_pango_layout_free(layout)
    }

    /// Lays `text` out in `box` at a given cap height; returns the extents.
    private func layOut(_ text: String, width: Double, capHeight: Double, style: TextStyle, wrapInsideWords: Bool)
        -> (ink: PangoRectangle, logical: PangoRectangle)
    {
        layoutCount += 1
        let description = description(style)
        pango_font_description_set_absolute_size(description, capHeight / Self.capHeightRatio * scale)
        pango_layout_set_font_description(layout, description)
        pango_layout_set_width(layout, Int32(width * scale))
        pango_layout_set_wrap(layout, wrapInsideWords ? PANGO_WRAP_WORD_CHAR : PANGO_WRAP_WORD)
        let start = style.rightToLeft ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT
        pango_layout_set_alignment(layout, style.alignment == .center ? PANGO_ALIGN_CENTER : start)
        pango_layout_set_line_spacing(layout, Float(style.leading / Self.lineHeightRatio))
        let context = pango_layout_get_context(layout)
        let rightToLeft = style.rightToLeft && !style.leftToRightText
        pango_context_set_base_dir(context, rightToLeft ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR)
        pango_layout_context_changed(layout)
        // Data (a network name, a password) is laid out as written: no no-break spaces, and no
        // hyphen added where a long one breaks, which a viewer would type.
        let data = style.leftToRightText
        pango_layout_set_text(layout, data ? text : KeepTogether.shortNumbers(in: text), -1)
        let attributes = pango_attr_list_new()!
        if data, let noHyphens = pango_attr_insert_hyphens_new(0) { pango_attr_list_insert(attributes, noHyphens) }
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_pixel_extents(layout, &ink, &logical)
        return (ink, logical)
    }

    /// The font description for a style: the shared regular and bold Noto Sans, or another family's.
    private func description(_ style: TextStyle) -> OpaquePointer {
        if style.family == Self.family { return style.bold ? bold : regular }
        let name = style.family + (style.bold ? " Bold" : "")
        if let known = others[name] { return known }
        let made = pango_font_description_from_string(name)!
        others[name] = made
        return made
    }

    /// The family of the font the current layout's first run uses.
    private func resolvedFamily() -> String {
        guard let family = skylt_pango_layout_first_family(layout) else { return "" }
        defer { g_free(family) }
        return String(cString: family)
    }

    /// Some glyphs reach past their advance (the hook of a bold "J", Arabic swashes). Lines are
    /// laid out this fraction of the font size narrower than the box, and indented by it, so
    /// that their ink stays inside the box too.
    static let sideBearingShare = 0.12

    private static func bearing(capHeight: Double) -> Double {
        (capHeight / capHeightRatio * sideBearingShare).rounded(.up)
    }

    private func fits(_ extents: (ink: PangoRectangle, logical: PangoRectangle), in box: Rect, offset: Offset) -> Bool {
        let area = Rect(x: -offset.x, y: -offset.y, width: box.width, height: box.height)
        return area.contains(Self.rect(extents.ink)) && area.contains(Self.rect(extents.logical))
    }

    /// Where a layout's origin goes inside its box.
    struct Offset {
        var x, y: Double
    }

    /// Places the layout's origin: below any ink that tight leading lifts above the first
    /// line, and, for start-aligned text, so that the ink (not the font's side bearing) starts
    /// at the style's ink inset. Falls back to the plain bearing when that would not fit.
    private func offset(
        _ extents: (ink: PangoRectangle, logical: PangoRectangle), in box: Rect, style: TextStyle,
        bearing: Double, width: Double
    ) -> Offset {
        let ink = Self.rect(extents.ink)
        let y = max(0, -ink.y, -Double(extents.logical.y))
        // Lines broken narrower than the box still sit at its start edge, or its middle.
        let spare = box.width - 2 * bearing - width
        let share = style.alignment == .center ? 0.5 : style.rightToLeft ? 1 : 0
        let plain = Offset(x: bearing + spare * share, y: y)
        guard let inset = style.inkInset, style.alignment == .start else { return plain }
        let x = style.rightToLeft ? box.width - inset - ink.maxX : inset - ink.x
        let aligned = Offset(x: x, y: y)
        return fits(extents, in: box, offset: aligned) ? aligned : plain
    }

    private static func rect(_ r: PangoRectangle, dx: Double = 0, dy: Double = 0) -> Rect {
        Rect(x: Double(r.x) + dx, y: Double(r.y) + dy, width: Double(r.width), height: Double(r.height))
    }

    /// The cap heights `fit` chooses from, largest first: the style's steps, or the range
    /// from its maximum to its minimum in steps of `shrinkFactor`.
    static func sizes(_ style: TextStyle) -> [Double] {
        if let steps = style.steps, !steps.isEmpty { return steps }
        let minimum = style.minimumCapHeight
        var sizes: [Double] = []
        var size = max(style.maximumCapHeight, minimum)
        while size > minimum {
            sizes.append(size)
            size *= shrinkFactor
        }
        sizes.append(minimum)
        return sizes
    }

    /// Finds the largest cap height in the style's range at which `text` fits `box`, breaking
    /// inside words (with a hyphen) only when whole words cannot fit at the minimum.
    ///
    /// Bounded: the sizes are searched by halving, so a text costs at most
    /// 2 × (log2(sizes) + 2) layouts, and one that fits nowhere four. Each layout costs time
    /// that grows with the text's length (Pango re-shapes the rest of a paragraph at each
    /// line it breaks inside a word), which the reader's caps bound.
    func fit(_ text: String, field: String, in box: Rect, style: TextStyle) throws(TextOverflow) -> FittedText {
        let minimum = style.minimumCapHeight
        let sizes = Self.sizes(style)
        for wrapInsideWords in [false, true] {
            if let fitted = largestFitting(
                text, field: field, in: box, style: style, sizes: sizes, wrap: wrapInsideWords)
            {
                return fitted
            }
        }
        let bearing = Self.bearing(capHeight: minimum)
        // The last layout tried was this one (the smallest size, breaking inside words):
        // its extents are what the editor needs, without laying the text out again.
        let extents =
            sizes.last == minimum
            ? currentExtents()
            : layOut(text, width: box.width - 2 * bearing, capHeight: minimum, style: style, wrapInsideWords: true)
        let lines = max(1, Int(pango_layout_get_line_count(layout)))
        let needed =
            Double(max(extents.logical.y + extents.logical.height, extents.ink.y + extents.ink.height))
            - Double(min(0, extents.ink.y, extents.logical.y))
        throw TextOverflow(
            field: field, box: box, minimumCapHeight: minimum, neededHeight: needed,
            lineHeight: Double(extents.logical.height) / Double(lines))
    }

    /// The extents of the layout as it was last laid out.
    private func currentExtents() -> (ink: PangoRectangle, logical: PangoRectangle) {
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_pixel_extents(layout, &ink, &logical)
        return (ink, logical)
    }

    /// The text fitted at the largest of `sizes` (largest first) at which it fits, or nil.
    /// The largest is tried first, as most texts fit there in one layout, then the smallest,
    /// as a text too long for it fits at none (and is left laid out there); then a binary
    /// search between, since a text that fits at one size fits at the smaller ones.
    private func largestFitting(
        _ text: String, field: String, in box: Rect, style: TextStyle, sizes: [Double], wrap: Bool
    ) -> FittedText? {
        func attempt(_ index: Int) -> FittedText? {
            self.attempt(text, field: field, in: box, style: style, capHeight: sizes[index], wrap: wrap)
        }
        if let largest = attempt(0) { return largest }
        guard sizes.count > 1, var best = attempt(sizes.count - 1) else { return nil }
        // sizes[low - 1] does not fit and sizes[high + 1] does: the answer is in low...high + 1.
        var low = 1
        var high = sizes.count - 2
        while low <= high {
            let middle = (low + high) / 2
            if let fitted = attempt(middle) {
                best = fitted
                high = middle - 1
            } else {
                low = middle + 1
            }
        }
        return best
    }

    /// Lays `text` out at one size; the fitted text when it fits `box`, lines balanced when
    /// the style asks.
    private func attempt(_ text: String, field: String, in box: Rect, style: TextStyle, capHeight: Double, wrap: Bool)
        -> FittedText?
    {
        let bearing = Self.bearing(capHeight: capHeight)
        var width = box.width - 2 * bearing
        var extents = layOut(text, width: width, capHeight: capHeight, style: style, wrapInsideWords: wrap)
        guard fits(extents, in: box, offset: offset(extents, in: box, style: style, bearing: bearing, width: width))
        else { return nil }
        let lines = Int(pango_layout_get_line_count(layout))
        if style.balanced, !wrap, lines > 1 {
            width = balancedWidth(text, width: width, lines: lines, capHeight: capHeight, style: style)
            extents = layOut(text, width: width, capHeight: capHeight, style: style, wrapInsideWords: wrap)
        }
        let offset = offset(extents, in: box, style: style, bearing: bearing, width: width)
        var fitted = FittedText(
            field: field, text: text, box: box, originX: box.x + offset.x, originY: box.y + offset.y,
            inkRect: Self.rect(extents.ink, dx: box.x + offset.x, dy: box.y + offset.y),
            logicalRect: Self.rect(extents.logical, dx: box.x + offset.x, dy: box.y + offset.y),
            fontPixelSize: capHeight / Self.capHeightRatio, capHeight: capHeight,
            minimumCapHeight: style.minimumCapHeight,
            unknownGlyphs: Int(pango_layout_get_unknown_glyphs_count(layout)),
            lineCount: Int(pango_layout_get_line_count(layout)), breaksInsideWords: wrap)
        fitted.wrapWidth = width
        fitted.fontFamily = resolvedFamily()
        fitted.lines = laidOutLines()
        return fitted
    }

    /// Of a few widths from the full one down to the narrowest that keeps `lines` lines, the
    /// one whose lines are most even (the shortest line longest against the longest), so that
    /// no line is a lone short word when a better break exists.
    private func balancedWidth(_ text: String, width: Double, lines: Int, capHeight: Double, style: TextStyle)
        -> Double
    {
        var best = (width: width, evenness: evenness())
        for step in 1...12 {
            let candidate = width * (1 - Double(step) * 0.04)
            _ = layOut(text, width: candidate, capHeight: capHeight, style: style, wrapInsideWords: false)
            guard Int(pango_layout_get_line_count(layout)) == lines else { continue }
            let even = evenness()
            if even > best.evenness + 0.02 { best = (candidate, even) }
        }
        return best.width
    }

    /// The text of each line of the current layout.
    private func laidOutLines() -> [String] {
        let bytes = Array(String(cString: pango_layout_get_text(layout)).utf8)
        return (0..<pango_layout_get_line_count(layout)).compactMap { index in
            guard let line = pango_layout_get_line_readonly(layout, index)?.pointee else { return nil }
            let start = min(bytes.count, max(0, Int(line.start_index)))
            return String(decoding: bytes[start..<min(bytes.count, start + max(0, Int(line.length)))], as: UTF8.self)
        }
    }

    /// The shortest line's width over the longest's, in the current layout.
    private func evenness() -> Double {
        var widths: [Double] = []
        for index in 0..<pango_layout_get_line_count(layout) {
            guard let line = pango_layout_get_line_readonly(layout, index) else { continue }
            var ink = PangoRectangle()
            var logical = PangoRectangle()
            pango_layout_line_get_pixel_extents(line, &ink, &logical)
            widths.append(Double(logical.width))
        }
        guard let longest = widths.max(), longest > 0 else { return 1 }
        return (widths.min() ?? longest) / longest
    }

    /// Draws `text` as `fit` laid it out, at the fitted box's origin.
    func draw(_ text: String, _ fitted: FittedText, style: TextStyle) {
        let bearing = Self.bearing(capHeight: fitted.capHeight)
        let width = fitted.wrapWidth > 0 ? fitted.wrapWidth : fitted.box.width - 2 * bearing
        _ = layOut(
            text, width: width, capHeight: fitted.capHeight, style: style, wrapInsideWords: fitted.breaksInsideWords)
        cairo_set_source_rgb(cr, style.color.red, style.color.green, style.color.blue)
        cairo_move_to(cr, fitted.originX, fitted.originY)
        pango_cairo_show_layout(cr, layout)
    }
}
