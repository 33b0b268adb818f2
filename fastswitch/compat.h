/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parts of the module that are pure logic (command parser, page layout)
 * also build on the host for unit tests: this maps the few kernel names
 * they use onto the C library.
 */
#ifndef FSW_COMPAT_H
#define FSW_COMPAT_H

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>
#else
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <linux/types.h>
typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#ifndef EOPNOTSUPP
#define EOPNOTSUPP 95
#endif
#endif

#endif
