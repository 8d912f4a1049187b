/* GNU libmicrohttpd, wrapped by SkyltHTTP alone. MHD_start_daemon is variadic; this wrapper passes the
   options Skylt always sets, since the library's defaults are open: no connection timeout,
   about a thousand connections, no per-IP limit. */
#ifndef SKYLT_CMICROHTTPD_SHIM_H
#define SKYLT_CMICROHTTPD_SHIM_H
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <errno.h>
#include <microhttpd.h>

typedef enum MHD_Result (*skylt_mhd_handler)(void *_Nullable context, struct MHD_Connection *_Nonnull connection,
                                             const char *_Nonnull url, const char *_Nonnull method,
                                             const char *_Nonnull version, const char *_Nullable upload_data,
                                             size_t *_Nonnull upload_data_size, void *_Nullable *_Nonnull connection_context);

/* Receives the library's own error messages (printf-style), so that they reach the player's log
   with a level instead of bare lines on stderr. */
typedef void (*skylt_mhd_logger)(void *_Nullable context, const char *_Nonnull format, va_list arguments);

/* Called once a request is over (answered, failed or timed out), so that the per-connection
   state the handler set up can be freed. */
typedef void (*skylt_mhd_completed)(void *_Nullable context, struct MHD_Connection *_Nullable connection,
                                    void *_Nullable *_Nullable connection_context, enum MHD_RequestTerminationCode code);

/* Told when a connection opens (STARTED) and just before its socket is closed (CLOSED), so that
   the server can time each request from its accept and shut down the sockets of slow ones. */
typedef void (*skylt_mhd_connection_notice)(void *_Nullable context, struct MHD_Connection *_Nonnull connection,
                                            void *_Nullable *_Nullable socket_context,
                                            enum MHD_ConnectionNotificationCode code);

/* Starts a daemon on `address` (IPv4, network byte order inside) with an internal polling
   thread (or a pool of `thread_pool_size` such threads when above 1) and explicit limits.
   NULL on failure. */
static inline struct MHD_Daemon *_Nullable skylt_mhd_start(const struct sockaddr_in *_Nonnull address,
                                                          skylt_mhd_handler _Nonnull handler, void *_Nullable context,
                                                          skylt_mhd_logger _Nonnull logger,
                                                          skylt_mhd_completed _Nonnull completed,
                                                          skylt_mhd_connection_notice _Nonnull connection_notice,
                                                          unsigned int connection_limit, unsigned int per_ip_limit,
                                                          unsigned int timeout_seconds, size_t memory_limit,
                                                          unsigned int thread_pool_size, int *_Nonnull error) {
    /* errno is read here, right after the call, so nothing in Swift can change it first. */
    struct MHD_Daemon *daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ERROR_LOG,
                            ntohs(address->sin_port), NULL, NULL,
                            (MHD_AccessHandlerCallback)handler, context,
                            MHD_OPTION_EXTERNAL_LOGGER, logger, context, /* first, so it gets every message */
                            MHD_OPTION_NOTIFY_COMPLETED, completed, context,
                            MHD_OPTION_NOTIFY_CONNECTION, connection_notice, context,
                            MHD_OPTION_SOCK_ADDR, address,
                            MHD_OPTION_CONNECTION_LIMIT, connection_limit,
                            MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip_limit,
                            MHD_OPTION_CONNECTION_TIMEOUT, timeout_seconds,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, memory_limit,
                            MHD_OPTION_THREAD_POOL_SIZE, thread_pool_size > 1 ? thread_pool_size : 0,
                            MHD_OPTION_END);
    *error = daemon ? 0 : errno;
    return daemon;
}

/* A response holding its own copy of `data`. */
static inline struct MHD_Response *_Nullable skylt_mhd_response_copy(size_t size, const void *_Nullable data) {
    return MHD_create_response_from_buffer(size, (void *)data, MHD_RESPMEM_MUST_COPY);
}

/* A request header's value, or NULL. */
static inline const char *_Nullable skylt_mhd_header(struct MHD_Connection *_Nonnull connection, const char *_Nonnull name) {
    return MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name);
}

/* The port a daemon listens on (useful when it was started on port 0). */
static inline uint16_t skylt_mhd_port(struct MHD_Daemon *_Nonnull daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

/* The socket of a connection, or -1: the server shuts down (never closes) the socket of a request
   past its deadline, and libmicrohttpd then closes the connection as if the client had. */
static inline int skylt_mhd_connection_fd(struct MHD_Connection *_Nonnull connection) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    return info ? info->connect_fd : -1;
}

/* The client's IPv4 or IPv6 address as text, for rate limits and logs. */
static inline void skylt_mhd_client_address(struct MHD_Connection *_Nonnull connection, char *_Nonnull buffer,
                                            size_t length);
#include <arpa/inet.h>
static inline void skylt_mhd_client_address(struct MHD_Connection *_Nonnull connection, char *_Nonnull buffer,
                                            size_t length) {
    buffer[0] = 0;
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr) return;
    const struct sockaddr *address = info->client_addr;
    if (address->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)address)->sin_addr, buffer, (socklen_t)length);
    else if (address->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)address)->sin6_addr, buffer, (socklen_t)length);
}
#endif
