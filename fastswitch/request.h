/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The request record: a section request as it passes from instance to
 * instance, in the region header's words after the kernel's (0x40-0xff,
 * sealed with the header). Written by the requester at .begin, by each
 * instance that serves it, and cleared by the requester when it resumes.
 * docs/requests.md describes the protocol.
 */
#ifndef FSW_REQUEST_H
#define FSW_REQUEST_H

#define FSW_HDR_REQ_STATE	0x40	/* FSW_REQ_* */
#define FSW_HDR_REQ_FROM	0x44	/* the requester */
#define FSW_HDR_REQ_ASKED	0x48	/* sections asked for */
#define FSW_HDR_REQ_GOT		0x4c	/* sections given so far */
#define FSW_HDR_REQ_SERVED	0x50	/* bit N: instance N served it */
#define FSW_HDR_REQ_SEQ		0x54	/* the requester's request number */
#define FSW_HDR_REQ_BUDGET	0x58	/* ms each instance may spend */
#define FSW_HDR_REQ_HOP		0x5c	/* the instance it was passed to */
#define FSW_HDR_REQ_GIVEN	0x60	/* u32 per instance: sections it gave */
#define FSW_HDR_REQ_WINDOW	0x80	/* per instance: u64 CNTVCT start, end */
#define FSW_HDR_REQ_START(id)	(FSW_HDR_REQ_WINDOW + (id) * 16)
#define FSW_HDR_REQ_STOP(id)	(FSW_HDR_REQ_WINDOW + (id) * 16 + 8)
#define FSW_HDR_REQ_END		FSW_HDR_REQ_START(FSW_MAX_INSTANCES)

#define FSW_REQ_NONE		0
#define FSW_REQ_ACTIVE		1	/* passing through sleeping instances */
#define FSW_REQ_NO_HOP		0xff	/* the chain broke: nobody serves it */

/* What a request may cost each sleeping instance, by default and at most */
#define FSW_REQ_BUDGET_MS	2000
#define FSW_REQ_BUDGET_MAX_MS	60000

#endif
