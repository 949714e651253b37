/* SPDX-License-Identifier: GPL-2.0 */
/* "kpsec show": the command, and its text and JSON renderings. */
#ifndef KPSEC_CLI_SHOW_H
#define KPSEC_CLI_SHOW_H

#include <stdbool.h>

#include "device.h"

enum show_view {
	SHOW_DEVICE,	/* everything about each device */
	SHOW_PEERS,	/* the peers table of one device */
	SHOW_STATS,	/* the counters of one device */
};

void print_devices_text(const struct kpsec_device_list *list, enum show_view view);
void print_devices_json(const struct kpsec_device_list *list, enum show_view view);

int cmd_show(int argc, char **argv, bool json);

#endif /* KPSEC_CLI_SHOW_H */
