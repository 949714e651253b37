# SPDX-License-Identifier: GPL-2.0
#
#   make            build kmod/kpsec.ko (against KDIR) and tools/kpsec
#   make check      install what is missing, then build and run every test
#   make demo       boot a QEMU guest and run the ad-hoc mesh demo
#   make bench      compare kpsec with plain IP, WireGuard and batman-adv in
#                   QEMU guests: one hop, then 1 to 4 hops and convergence;
#                   then the key exchange: delay, bytes, throughput;
#                   then QKD key supply against consumption
#
# KDIR defaults to the running kernel's build directory when it exists,
# else the newest /lib/modules/*/build.

KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
		    $(shell ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1))
KERNEL ?= 6.1

all: module tools

module:
	@test -d "$(KDIR)" || { echo "kpsec: no kernel build directory: install linux-headers-amd64 or set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tools:
	$(MAKE) -C tools

check:
	bash selftests/run-all.sh

demo:
	bash selftests/guest-job.sh --kernel $(KERNEL) demo

bench:
	bash selftests/guest-job.sh --kernel $(KERNEL) bench_hop
	bash selftests/guest-job.sh --kernel $(KERNEL) bench_mesh --timeout 600
	bash selftests/guest-job.sh --kernel $(KERNEL) bench_kx
	bash selftests/guest-job.sh --kernel $(KERNEL) bench_qkd --timeout 600

clean:
	-test -d "$(KDIR)" && $(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C tools clean

.PHONY: all module tools check demo bench clean
