/* sha256.h — SHA-256 (FIPS 180-4), for the ruleset digest. */
#ifndef DWP_SHA256_H
#define DWP_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct dwp_sha256 {
    uint32_t state[8];
    uint64_t total_len;
    uint8_t block[64];
    size_t block_len;
} dwp_sha256;

void dwp_sha256_init(dwp_sha256 *h);
void dwp_sha256_update(dwp_sha256 *h, const void *data, size_t len);
void dwp_sha256_final(dwp_sha256 *h, uint8_t digest[32]);
/* 64 lowercase hex digits and a NUL. */
void dwp_sha256_hex(const uint8_t digest[32], char out[65]);

#endif
