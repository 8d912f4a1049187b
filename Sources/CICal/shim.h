/* libical expands associations' calendars: recurrence rules, exceptions, moved occurrences
   and time zones, as the feeds service turns them into event and agenda slides. */
#ifndef SKYLT_CICAL_SHIM_H
#define SKYLT_CICAL_SHIM_H
#include <libical/ical.h>
#endif
