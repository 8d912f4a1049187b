/* glibc facilities that Swift's Glibc module does not import. */
#ifndef SKYLT_CLINUX_SHIM_H
#define SKYLT_CLINUX_SHIM_H
#include <malloc.h>
#include <spawn.h>

/* glibc 2.34 and later have it, but declare it only under _GNU_SOURCE, which Swift's Glibc
   module is not built with. */
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);

/* Closes, in a child started by posix_spawn, every descriptor from `from` up. */
static inline int skylt_spawn_close_from(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

/* Big buffers (a frame is 8 MB) always get their own mappings and go back to the kernel when
   freed. glibc's default sliding threshold would otherwise move them into the heap, where
   freed frames keep the resident size up for good. Two arenas are plenty for our threads. */
static inline void skylt_tune_malloc(void) {
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    mallopt(M_ARENA_MAX, 2);
}
#endif
