/* libsystemd's sd_notify: readiness, watchdog pings and status lines for Type=notify units. */
#ifndef SKYLT_CSYSTEMD_SHIM_H
#define SKYLT_CSYSTEMD_SHIM_H
#include <systemd/sd-daemon.h>
#endif
