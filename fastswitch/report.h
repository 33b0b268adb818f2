/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The online report: per instance, a bitmap of the table sections it has
 * online and one of those present in its memory map (online or offline:
 * those it can online), in the region header after the request record
 * (report.c).
 */
#ifndef FSW_REPORT_H
#define FSW_REPORT_H

#include "request.h"

#define FSW_REPORT_BITS		1024
#define FSW_HDR_ONLINE(id)	(FSW_HDR_REQ_END + (id) * (FSW_REPORT_BITS / 8))
#define FSW_HDR_ONLINE_END	FSW_HDR_ONLINE(FSW_MAX_INSTANCES)
/* Per instance, the table sections present in its memory map */
#define FSW_HDR_PRESENT(id)	(FSW_HDR_ONLINE_END + (id) * (FSW_REPORT_BITS / 8))
#define FSW_HDR_REPORT_END	FSW_HDR_PRESENT(FSW_MAX_INSTANCES)

#endif
