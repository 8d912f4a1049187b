internal import CCairo
import SkyltCore

/// Figures measured once on the real font, so that sizes and leading hold whatever font
/// fontconfig picks.
extension TextFitter {
    /// Cap height as a fraction of the font's pixel size (the ink height of "H"), so the
    /// legibility rule holds whatever font fontconfig picks.
    static let capHeightRatio: Double = {
        let ratio = measuredH.ink / measuringSize
        return ratio > 0.3 && ratio < 1 ? ratio : 0.714
    }()

    /// A line's natural height (ascent plus descent) as a fraction of the font size, so that a
    /// style's leading (line pitch over font size) becomes Pango's factor.
    static let lineHeightRatio: Double = {
        let ratio = measuredH.logical / measuringSize
        return ratio > 0.8 && ratio < 2 ? ratio : 1.36
    }()

    /// The size "H" is measured at: large, so rounding to whole pixels costs nothing.
    private static let measuringSize = 1000.0

    /// The ink and logical heights of "H" at `measuringSize`, laid out once by Pango.
    private static let measuredH: (ink: Double, logical: Double) = {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)!
        let cr = cairo_create(surface)!
        defer {
            cairo_destroy(cr)
            cairo_surface_destroy(surface)
        }
        let layout = pango_cairo_create_layout(cr)!
        defer { skylt_pango_layout_free(layout) }
        let description = pango_font_description_from_string(family)!
        defer { pango_font_description_free(description) }
        pango_font_description_set_absolute_size(description, measuringSize * Double(skylt_pango_scale()))
        pango_layout_set_font_description(layout, description)
        pango_layout_set_text(layout, "H", -1)
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_pixel_extents(layout, &ink, &logical)
        return (Double(ink.height), Double(logical.height))
    }()
}
