/* cairo for pixels, Pango (with HarfBuzz and fontconfig) for text on them. */
#ifndef SKYLT_CCAIRO_SHIM_H
#define SKYLT_CCAIRO_SHIM_H
#include <cairo.h>
#include <pango/pangocairo.h>

/* PANGO_SCALE is a macro; keep its value typed. */
static inline int skylt_pango_scale(void) { return PANGO_SCALE; }

/* g_object_unref takes a gpointer; a typed wrapper keeps the Swift side honest. */
static inline void skylt_pango_layout_free(PangoLayout *_Nonnull layout) { g_object_unref(layout); }

/* The family of the font Pango chose for the first run of a layout's first line: what
   fontconfig resolved, another family when the one asked for is not installed. NULL for an
   empty layout; the caller frees the string with g_free. */
static inline char *_Nullable skylt_pango_layout_first_family(PangoLayout *_Nonnull layout) {
    PangoLayoutLine *line = pango_layout_get_line_readonly(layout, 0);
    if (!line || !line->runs) return NULL;
    PangoGlyphItem *run = line->runs->data;
    PangoFontDescription *description = pango_font_describe(run->item->analysis.font);
    char *family = g_strdup(pango_font_description_get_family(description));
    pango_font_description_free(description);
    return family;
}
#endif
