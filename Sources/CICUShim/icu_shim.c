#include "icu_shim.h"

#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>

int32_t skylt_icu_canonical_zone(
    const uint16_t *zone, int32_t zoneLength, uint16_t *out, int32_t capacity, int32_t *isSystem) {
    UErrorCode status = U_ZERO_ERROR;
    UBool system = 0;
    int32_t length = ucal_getCanonicalTimeZoneID(
        (const UChar *)zone, zoneLength, (UChar *)out, capacity, &system, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) return -1;
    *isSystem = system ? 1 : 0;
    return length;
}

int32_t skylt_icu_default_zone(uint16_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = ucal_getDefaultTimeZone((UChar *)out, capacity, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) return -1;
    return length;
}

void *skylt_icu_calendar_open(const uint16_t *zone, int32_t zoneLength) {
    UErrorCode status = U_ZERO_ERROR;
    UCalendar *calendar = ucal_open((const UChar *)zone, zoneLength, "en_US_POSIX", UCAL_GREGORIAN, &status);
    if (U_FAILURE(status)) {
        if (calendar) ucal_close(calendar);
        return NULL;
    }
    return calendar;
}

void skylt_icu_calendar_close(void *calendar) {
    if (calendar) ucal_close((UCalendar *)calendar);
}

int32_t skylt_icu_offset(void *calendar, double millis, int32_t *offsetMillis) {
    UErrorCode status = U_ZERO_ERROR;
    ucal_setMillis((UCalendar *)calendar, millis, &status);
    int32_t zoneOffset = ucal_get((UCalendar *)calendar, UCAL_ZONE_OFFSET, &status);
    int32_t dstOffset = ucal_get((UCalendar *)calendar, UCAL_DST_OFFSET, &status);
    if (U_FAILURE(status)) return -1;
    *offsetMillis = zoneOffset + dstOffset;
    return 0;
}

void *skylt_icu_formatter_open(
    const char *locale, const uint16_t *zone, int32_t zoneLength, const uint16_t *pattern, int32_t patternLength) {
    char gregorian[ULOC_FULLNAME_CAPACITY + 32];
    UErrorCode status = U_ZERO_ERROR;
    if (strlen(locale) >= ULOC_FULLNAME_CAPACITY) return NULL;
    strcpy(gregorian, locale);
    uloc_setKeywordValue("calendar", "gregorian", gregorian, (int32_t)sizeof gregorian, &status);
    if (U_FAILURE(status)) return NULL;
    UDateFormat *formatter = udat_open(
        UDAT_PATTERN, UDAT_PATTERN, gregorian, (const UChar *)zone, zoneLength, (const UChar *)pattern,
        patternLength, &status);
    if (U_FAILURE(status)) {
        if (formatter) udat_close(formatter);
        return NULL;
    }
    return formatter;
}

void skylt_icu_formatter_close(void *formatter) {
    if (formatter) udat_close((UDateFormat *)formatter);
}

int32_t skylt_icu_format(void *formatter, double millis, uint16_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = udat_format((const UDateFormat *)formatter, millis, (UChar *)out, capacity, NULL, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return length;
    if (U_FAILURE(status)) return -1;
    return length;
}

int32_t skylt_icu_formatter_set_word(
    void *formatter, const char *field, int32_t index, const uint16_t *word, int32_t wordLength) {
    static const struct {
        const char *field;
        UDateFormatSymbolType type;
    } types[] = {
        {"MMMM", UDAT_MONTHS}, {"LLLL", UDAT_STANDALONE_MONTHS}, {"MMM", UDAT_SHORT_MONTHS},
        {"LLL", UDAT_STANDALONE_SHORT_MONTHS}, {"EEEE", UDAT_WEEKDAYS}, {"cccc", UDAT_STANDALONE_WEEKDAYS},
        {"EEE", UDAT_SHORT_WEEKDAYS}, {"ccc", UDAT_STANDALONE_SHORT_WEEKDAYS},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        if (strcmp(types[i].field, field) != 0) continue;
        UErrorCode status = U_ZERO_ERROR;
        udat_setSymbols((UDateFormat *)formatter, types[i].type, index, (UChar *)word, wordLength, &status);
        return U_FAILURE(status) ? -1 : 0;
    }
    return -1;
}

int32_t skylt_icu_is_right_to_left(const char *locale) {
    return uloc_isRightToLeft(locale) ? 1 : 0;
}
