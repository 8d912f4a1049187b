/* libsystemd's sd_notify: readiness, watchdog pings and status lines for Type=notify units. */
#ifndef SKYLT_CSYSTEMD_SHIM_H
#define SKYLT_CSYSTEMD_SHIM_H
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

/* Sends one datagram to the notify socket at `path` (a file, or an abstract name starting
   with '@') without ever waiting: sd_notify sends on a blocking socket, so a manager that does
   not read its socket would hold the caller, the play loop, for good. Returns 0 when sent,
   or a negative errno: -EAGAIN when the socket's queue is full and the message is dropped. */
static inline int skylt_notify_send(const char *path, const char *message, size_t length) {
    struct sockaddr_un address;
    size_t path_length = strlen(path);
    if (path_length < 2 || path_length > sizeof(address.sun_path)) return -EINVAL;
    if (path[0] != '/' && path[0] != '@') return -EAFNOSUPPORT;
    memset(&address, 0, sizeof(address));
    address.sun_family = AF_UNIX;
    memcpy(address.sun_path, path, path_length);
    if (path[0] == '@') address.sun_path[0] = '\0';
    socklen_t address_length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + path_length);
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return -errno;
    ssize_t sent = sendto(
        fd, message, length, MSG_DONTWAIT | MSG_NOSIGNAL, (const struct sockaddr *)&address, address_length);
    int error = sent < 0 ? errno : 0;
    close(fd);
    return sent < 0 ? -error : 0;
}
#endif
