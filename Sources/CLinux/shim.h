/* glibc facilities that Swift's Glibc module does not import. */
#ifndef SKYLT_CLINUX_SHIM_H
#define SKYLT_CLINUX_SHIM_H
#include <malloc.h>

/* Big buffers (a frame is 8 MB) always get their own mappings and go back to the kernel when
   freed. glibc's default sliding threshold would otherwise move them into the heap, where
   freed frames keep the resident size up for good. Two arenas are plenty for our threads. */
static inline void skylt_tune_malloc(void) {
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    mallopt(M_ARENA_MAX, 2);
}
#endif
