/* cairo for pixels, Pango (with HarfBuzz and fontconfig) for text on them. */
#ifndef SKYLT_CCAIRO_SHIM_H
#define SKYLT_CCAIRO_SHIM_H
#include <cairo.h>
#include <pango/pangocairo.h>

/* PANGO_SCALE is a macro; keep its value typed. */
static inline int skylt_pango_scale(void) { return PANGO_SCALE; }

/* g_object_unref takes a gpointer; a typed wrapper keeps the Swift side honest. */
static inline void skylt_pango_layout_free(PangoLayout *_Nonnull layout) { g_object_unref(layout); }
#endif
