/* libcurl's easy interface. curl_easy_setopt and curl_easy_getinfo are variadic, which Swift
   cannot call: these typed wrappers take one kind of argument each. */
#ifndef SKYLT_CCURL_SHIM_H
#define SKYLT_CCURL_SHIM_H
#include <curl/curl.h>

typedef size_t (*skylt_curl_data_callback)(char *_Nonnull data, size_t size, size_t count, void *_Nonnull context);

static inline CURLcode skylt_curl_set_long(CURL *_Nonnull curl, CURLoption option, long value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode skylt_curl_set_off(CURL *_Nonnull curl, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode skylt_curl_set_string(CURL *_Nonnull curl, CURLoption option, const char *_Nullable value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode skylt_curl_set_pointer(CURL *_Nonnull curl, CURLoption option, void *_Nullable value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode skylt_curl_set_callback(CURL *_Nonnull curl, CURLoption option,
                                               skylt_curl_data_callback _Nonnull callback) {
    return curl_easy_setopt(curl, option, callback);
}
typedef int (*skylt_curl_progress_callback)(void *_Nonnull context, curl_off_t download_total,
                                            curl_off_t download_now, curl_off_t upload_total,
                                            curl_off_t upload_now);

/* CURLOPT_XFERINFOFUNCTION: called about once a second and on every chunk; a non-zero return
   aborts the transfer with CURLE_ABORTED_BY_CALLBACK. */
static inline CURLcode skylt_curl_set_progress(CURL *_Nonnull curl, skylt_curl_progress_callback _Nonnull callback,
                                               void *_Nonnull context) {
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, context);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    return curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, callback);
}
static inline CURLcode skylt_curl_get_long(CURL *_Nonnull curl, CURLINFO info, long *_Nonnull value) {
    return curl_easy_getinfo(curl, info, value);
}
static inline CURLcode skylt_curl_get_off(CURL *_Nonnull curl, CURLINFO info, curl_off_t *_Nonnull value) {
    return curl_easy_getinfo(curl, info, value);
}
#endif
