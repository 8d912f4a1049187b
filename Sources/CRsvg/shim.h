/* librsvg renders SVG media straight into a cairo context, at the size of its box.
   The helpers keep GLib types (GError, GObject) out of Swift: errors come back as text. */
#ifndef SKYLT_CRSVG_SHIM_H
#define SKYLT_CRSVG_SHIM_H
#include <stdint.h>
#include <string.h>
#include <librsvg/rsvg.h>

static inline void skylt_rsvg_copy_error(GError *error, char *_Nonnull buffer, size_t length) {
    if (length == 0) return;
    const char *text = (error && error->message) ? error->message : "unknown librsvg error";
    strncpy(buffer, text, length - 1);
    buffer[length - 1] = '\0';
    if (error) g_error_free(error);
}

/* Loads an SVG from memory; NULL with a message in `buffer` when it cannot be parsed. A
   document read from memory has no base file, so librsvg follows no reference to other files. */
static inline RsvgHandle *_Nullable skylt_rsvg_load_data(const uint8_t *_Nonnull data, size_t size,
                                                         char *_Nonnull buffer, size_t length) {
    GError *error = NULL;
    RsvgHandle *handle = rsvg_handle_new_from_data(data, size, &error);
    if (!handle) skylt_rsvg_copy_error(error, buffer, length);
    return handle;
}

/* The document's intrinsic size in pixels (96 dpi); 0 when it has none (viewBox only gives ratio). */
static inline int skylt_rsvg_size(RsvgHandle *_Nonnull handle, double *_Nonnull width, double *_Nonnull height) {
    gboolean ok = rsvg_handle_get_intrinsic_size_in_pixels(handle, width, height);
    if (!ok) {
        RsvgRectangle ink, logical;
        if (!rsvg_handle_get_geometry_for_layer(handle, NULL, &(RsvgRectangle){0, 0, 1000, 1000}, &ink, &logical, NULL)) return 0;
        *width = logical.width;
        *height = logical.height;
    }
    return (*width > 0 && *height > 0) ? 1 : 0;
}

/* Renders the whole document scaled into the viewport; 0 with a message on failure. */
static inline int skylt_rsvg_render(RsvgHandle *_Nonnull handle, cairo_t *_Nonnull cr, double x, double y, double width,
                                    double height, char *_Nonnull buffer, size_t length) {
    GError *error = NULL;
    RsvgRectangle viewport = {x, y, width, height};
    if (!rsvg_handle_render_document(handle, cr, &viewport, &error)) {
        skylt_rsvg_copy_error(error, buffer, length);
        return 0;
    }
    return 1;
}

static inline void skylt_rsvg_free(RsvgHandle *_Nonnull handle) { g_object_unref(handle); }
#endif
