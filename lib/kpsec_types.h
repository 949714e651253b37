/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The only header lib/ files include besides their own: fixed-width types
 * for both worlds.  lib/ calls nothing from libc or the kernel, so the same
 * objects build into kpsec.ko and into the host tests and fuzzers.
 */
#ifndef KPSEC_LIB_TYPES_H
#define KPSEC_LIB_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/stddef.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
#endif

#endif /* KPSEC_LIB_TYPES_H */
