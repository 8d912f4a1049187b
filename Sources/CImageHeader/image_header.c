#include "image_header.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <jpeglib.h>
#include <webp/decode.h>

int skylt_image_format(const uint8_t *data, size_t size) {
    if (size >= 8 && png_sig_cmp(data, 0, 8) == 0) return SKYLT_IMAGE_PNG;
    if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) return SKYLT_IMAGE_JPEG;
    if (size >= 12 && memcmp(data, "RIFF", 4) == 0 && memcmp(data + 8, "WEBP", 4) == 0) return SKYLT_IMAGE_WEBP;
    return SKYLT_IMAGE_UNKNOWN;
}

/* libpng reads through a callback; this one serves the bytes in memory. */
struct skylt_png_source {
    const uint8_t *data;
    size_t size;
    size_t offset;
};

static void skylt_png_read(png_structp png, png_bytep out, size_t length) {
    struct skylt_png_source *source = png_get_io_ptr(png);
    if (length > source->size - source->offset) png_error(png, "truncated");
    memcpy(out, source->data + source->offset, length);
    source->offset += length;
}

/* libpng's default handlers print to stderr and abort; these jump back quietly. */
static void skylt_png_error(png_structp png, png_const_charp message) {
    (void)message;
    png_longjmp(png, 1);
}

static void skylt_png_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

static int skylt_png_header(const uint8_t *data, size_t size, uint32_t *width, uint32_t *height) {
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, skylt_png_error, skylt_png_warning);
    if (!png) return 0;
    png_infop info = png_create_info_struct(png);
    struct skylt_png_source source = {data, size, 0};
    volatile int ok = 0;
    if (info && setjmp(png_jmpbuf(png)) == 0) {
        png_set_read_fn(png, &source, skylt_png_read);
        png_read_info(png, info);
        *width = png_get_image_width(png, info);
        *height = png_get_image_height(png, info);
        ok = 1;
    }
    png_destroy_read_struct(&png, info ? &info : NULL, NULL);
    return ok;
}

/* libjpeg's default error_exit calls exit(); this one jumps back. */
struct skylt_jpeg_errors {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
};

static void skylt_jpeg_exit(j_common_ptr info) { longjmp(((struct skylt_jpeg_errors *)info->err)->jump, 1); }

static void skylt_jpeg_message(j_common_ptr info) { (void)info; }

static int skylt_jpeg_header(const uint8_t *data, size_t size, uint32_t *width, uint32_t *height) {
    struct jpeg_decompress_struct info;
    struct skylt_jpeg_errors errors;
    /* Zeroed, so that destroying after an error inside jpeg_create_decompress itself (a
       library and header of different versions) finds no memory manager to free. */
    memset(&info, 0, sizeof info);
    info.err = jpeg_std_error(&errors.manager);
    errors.manager.error_exit = skylt_jpeg_exit;
    errors.manager.output_message = skylt_jpeg_message;
    volatile int ok = 0;
    if (setjmp(errors.jump) == 0) {
        jpeg_create_decompress(&info);
        jpeg_mem_src(&info, data, (unsigned long)size);
        if (jpeg_read_header(&info, TRUE) == JPEG_HEADER_OK) {
            *width = info.image_width;
            *height = info.image_height;
            ok = 1;
        }
    }
    jpeg_destroy_decompress(&info);
    return ok;
}

static int skylt_webp_header(const uint8_t *data, size_t size, uint32_t *width, uint32_t *height) {
    WebPBitstreamFeatures features;
    if (WebPGetFeatures(data, size, &features) != VP8_STATUS_OK) return 0;
    if (features.width <= 0 || features.height <= 0) return 0;
    *width = (uint32_t)features.width;
    *height = (uint32_t)features.height;
    return 1;
}

int skylt_image_header(const uint8_t *data, size_t size, int format, uint32_t *width, uint32_t *height) {
    if (!data || size == 0) return 0;
    switch (format) {
    case SKYLT_IMAGE_PNG: return skylt_png_header(data, size, width, height);
    case SKYLT_IMAGE_JPEG: return skylt_jpeg_header(data, size, width, height);
    case SKYLT_IMAGE_WEBP: return skylt_webp_header(data, size, width, height);
    default: return 0;
    }
}
