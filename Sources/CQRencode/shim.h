/* libqrencode: QR symbols as a module matrix. */
#ifndef SKYLT_CQRENCODE_SHIM_H
#define SKYLT_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
