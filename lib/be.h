/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* Big-endian field access for the wire codecs of lib/. */
#ifndef KPSEC_LIB_BE_H
#define KPSEC_LIB_BE_H

#include "kpsec_types.h"

static inline void kpsec_put_be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static inline void kpsec_put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static inline u16 kpsec_get_be16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static inline u32 kpsec_get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

#endif /* KPSEC_LIB_BE_H */
