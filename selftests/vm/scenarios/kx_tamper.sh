#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# An overlay node that alters the shares it relays.  The 10-node testbed of
# kx_mesh; n0 -> n5 has three vertex-disjoint key-paths, through n2, n3
# and n1 - n4.  n2 alters every share it relays (test_knobs=1).
#  - rho 3, theta 2: n5 rejects the altered share, says so (counter, event,
#    log), and still establishes with the two honest ones.
#  - rho 2, theta 2: the honest share alone is not enough: the rekey fails
#    with "shares-inconsistent" and the session in use carries on.
#  - n2 honest again, n0 sends a confirmation with a wrong tag
#    (bad-confirm): n5 counts and reports it and never installs the
#    unconfirmed key; a clean rekey then makes a session n5 accepts.

. /scenario/kpsec-lib.sh

ktap_plan 13

topo_grid 2 5
vm_modprobe kpsec test_knobs=1
for ((i = 0; i < 10; i++)); do kpsec_node "$i"; done
kpsec_circulant_rings 10 3
# One attempt each, so that every outcome is that attempt's.  n5 waits a
# quarter of kx-timeout for the shares on the longer key-paths (5, 7 and 9
# radio hops): 4 s leaves a slow guest room for them.
for ((i = 0; i < 10; i++)); do
	in_ns "$i" kpsec set kpsec0 kx-rho 3 kx-theta 2 kx-timeout 4000 kx-retries 0 ||
		ktap_bail "n$i: cannot set the exchange parameters"
done
in_ns 2 kpsec set kpsec0 test-flags alter-shares || ktap_bail "n2: cannot set test flags"

ktap_check "n0 sees 3 key-paths to n5" \
	wait_until 60 eval '[ "$(kpsec_keypath_count 0 5)" = 3 ]'
kpsec_monitor_start 5 /tmp/monitor-5.log
ktap_check "n0 establishes a session with n5 despite n2" \
	eval 'in_ns 0 kpsec connect kpsec0 6 --wait 20'
ktap_check "n5 rejected exactly one share" kpsec_counter_is 5 kx_share_rejected 1
ktap_check "n5 reported it: a share-rejected event from node 3" \
	wait_until 5 grep -q "share-rejected.*from 3" /tmp/monitor-5.log
ktap_check "the kernel log names it" eval 'dmesg | grep -q "failed its check (came from node 3)"'
ktap_check "n0 reaches n5 over the session" wait_until 10 ping_ok 0 "$(kpsec_ip4 5)"

in_ns 0 kpsec set kpsec0 kx-rho 2 || ktap_bail "n0: cannot set kx-rho 2"
ktap_expect_fail "with rho 2 the rekey fails" eval 'in_ns 0 kpsec connect kpsec0 6 --wait 20'
ktap_check "n5 gave up: failed, shares-inconsistent" \
	wait_until 5 grep -q "failed.*reason shares-inconsistent" /tmp/monitor-5.log
ktap_check "the session in use carries on" ping_ok 0 "$(kpsec_ip4 5)"

in_ns 2 kpsec set kpsec0 test-flags none || ktap_bail "n2: cannot clear test flags"
in_ns 0 kpsec set kpsec0 test-flags bad-confirm || ktap_bail "n0: cannot set bad-confirm"
ex5=$(kpsec_session_field 5 0 exchanges)
in_ns 0 kpsec connect kpsec0 6 --wait 20 >/dev/null
ktap_check "n5 counted the wrong confirmation" wait_until 5 kpsec_counter_is 5 kx_confirm_failed 1
ktap_check "n5 reported it: a confirm-failed event for node 1" \
	wait_until 5 grep -q "confirm-failed peer 1" /tmp/monitor-5.log
ktap_check "n5 never installed the unconfirmed key" eval '
	wait_until 10 grep -q "failed peer 1 reason timeout" /tmp/monitor-5.log &&
	[ "$(kpsec_session_field 5 0 exchanges)" = "$ex5" ]'
in_ns 0 kpsec set kpsec0 test-flags none || ktap_bail "n0: cannot clear test flags"
ktap_check "a clean rekey: n0 reaches n5 again" eval '
	in_ns 0 kpsec connect kpsec0 6 --wait 20 && wait_until 10 ping_ok 0 "$(kpsec_ip4 5)"'

ktap_finish
