/* libsodium: Ed25519 signatures, BLAKE2b, SHA-256 and scrypt, for minisign's formats. */
#ifndef SKYLT_CSODIUM_SHIM_H
#define SKYLT_CSODIUM_SHIM_H
#include <sodium.h>
#endif
