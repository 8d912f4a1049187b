/* SDL2 for Skylt's player. Swift cannot import SDL's function-like macros, so the few we need
   are wrapped here as prefixed inline functions. */
#ifndef SKYLT_CSDL2_SHIM_H
#define SKYLT_CSDL2_SHIM_H
#define SDL_MAIN_HANDLED 1
#include <SDL.h>

/* SDL_WINDOWPOS_UNDEFINED is a function-like macro chain. */
static inline int skylt_sdl_windowpos_undefined(void) { return (int)SDL_WINDOWPOS_UNDEFINED; }
#endif
