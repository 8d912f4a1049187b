/* libsqlite3: the studio's database. Only SkyltStore imports this module. */
#ifndef SKYLT_CSQLITE_SHIM_H
#define SKYLT_CSQLITE_SHIM_H
#include <sqlite3.h>

/* SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
   Passed as a bind destructor it makes SQLite copy the bytes before the call returns, so a
   Swift buffer may go away right after binding. */
static inline sqlite3_destructor_type skylt_sqlite3_transient(void) {
    return SQLITE_TRANSIENT;
}

#endif
