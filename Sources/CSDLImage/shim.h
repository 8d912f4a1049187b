/* SDL2_image decodes PNG, JPEG and WebP media for slide composition. SDL's own header comes in
   through it; the composer uses only surfaces, never SDL video. */
#ifndef SKYLT_CSDLIMAGE_SHIM_H
#define SKYLT_CSDLIMAGE_SHIM_H
#define SDL_MAIN_HANDLED 1
#include <SDL_image.h>
#endif
