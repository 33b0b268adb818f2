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
#include <stdint.h>
#include <string.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
#ifndef EOPNOTSUPP
#define EOPNOTSUPP 95
#endif
#endif

#endif
