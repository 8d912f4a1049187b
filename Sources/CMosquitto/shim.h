/* libmosquitto reads sensor values from the municipality's MQTT broker for figure slides. */
#ifndef SKYLT_CMOSQUITTO_SHIM_H
#define SKYLT_CMOSQUITTO_SHIM_H
#include <mosquitto.h>
#endif
