#ifndef SKYLT_ICU_SHIM_H
#define SKYLT_ICU_SHIM_H

// Unversioned wrappers over the few ICU C functions Skylt needs. ICU renames every symbol
// with its version (ucal_open_72), through macros Swift cannot import; these wrappers give
// Swift stable names and plain C types (UTF-16 as uint16_t) instead.

#include <stdint.h>

/// Writes the canonical id of `zone` (UTF-16) into `out` and returns its length, or -1 when
/// ICU knows no such zone. `isSystem` is set to 1 for a zone of the tz database, 0 for a
/// custom offset such as "GMT+01:00".
int32_t skylt_icu_canonical_zone(
    const uint16_t *zone, int32_t zoneLength, uint16_t *out, int32_t capacity, int32_t *isSystem);

/// Writes the id of the system's default zone (from TZ or /etc/localtime) into `out`; returns
/// its length, or -1.
int32_t skylt_icu_default_zone(uint16_t *out, int32_t capacity);

/// A Gregorian calendar in `zone`, or NULL. Not safe to share between threads unlocked.
void *skylt_icu_calendar_open(const uint16_t *zone, int32_t zoneLength);
void skylt_icu_calendar_close(void *calendar);

/// The zone's offset from UTC in milliseconds (standard plus daylight saving) at `millis`
/// since 1970; returns 0 on success, -1 on failure.
int32_t skylt_icu_offset(void *calendar, double millis, int32_t *offsetMillis);

/// A date formatter for `pattern` in `locale` (always the Gregorian calendar, whatever the
/// locale's own) and `zone`, or NULL. Not safe to share between threads unlocked.
void *skylt_icu_formatter_open(
    const char *locale, const uint16_t *zone, int32_t zoneLength, const uint16_t *pattern, int32_t patternLength);
void skylt_icu_formatter_close(void *formatter);

/// Formats `millis` since 1970 into `out`; returns the full length (which may exceed
/// `capacity`: call again with more room), or -1.
int32_t skylt_icu_format(void *formatter, double millis, uint16_t *out, int32_t capacity);

/// Replaces the words the formatter writes for one field: `field` is "MMMM", "LLLL", "MMM",
/// "LLL", "EEEE", "cccc", "EEE" or "ccc"; `index` counts months from 0 (January) and weekdays
/// from 1 (Sunday). Returns 0 on success, -1 for an unknown field or an ICU failure.
int32_t skylt_icu_formatter_set_word(
    void *formatter, const char *field, int32_t index, const uint16_t *word, int32_t wordLength);

/// 1 when the language of `locale` is written right to left.
int32_t skylt_icu_is_right_to_left(const char *locale);

#endif
