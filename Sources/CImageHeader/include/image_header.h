#ifndef SKYLT_IMAGE_HEADER_H
#define SKYLT_IMAGE_HEADER_H

// The size of a PNG, JPEG or WebP image in memory, read by the format's own library from the
// header alone (libpng's png_read_info, libjpeg-turbo's jpeg_read_header, libwebp's
// WebPGetFeatures): no pixel is decoded, so a header claiming 60000x60000 costs nothing and
// can be refused before any decoder allocates for it. Plain C types only, for Swift.

#include <stddef.h>
#include <stdint.h>

enum {
    SKYLT_IMAGE_UNKNOWN = 0,
    SKYLT_IMAGE_PNG = 1,
    SKYLT_IMAGE_JPEG = 2,
    SKYLT_IMAGE_WEBP = 3,
};

/// The format told by the first bytes (the signature): one of the SKYLT_IMAGE_ values.
int skylt_image_format(const uint8_t *data, size_t size);

/// Reads the header of an image of `format` in `data`; 1 with `width` and `height` set, or 0
/// when the library cannot read a header (truncated, corrupt, or not that format).
int skylt_image_header(const uint8_t *data, size_t size, int format, uint32_t *width, uint32_t *height);

#endif
