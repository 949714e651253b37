#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Plain IP over a 2x3 IBSS grid with shortest-path static routes (no kpsec).
#
#   0 - 1 - 2
#   |   |   |
#   3 - 4 - 5
#
# Validates topo_grid, topo_routes and link_cut/link_heal: links exist only
# between grid neighbours, multi-hop routes work, and cutting a link on the
# route breaks it until the link is healed.

ktap_plan 8

topo_grid 2 3
ktap_check "neighbours of 4 are 1 3 5" test "$(neighbours 4)" = "1 3 5"
topo_routes

ktap_check "n0 hears n1 (ARP)" wait_until 10 arp_ok 0 "$(ip_of 1)"
ktap_expect_fail "n0 does not hear n4 (ARP)" arp_ok 0 "$(ip_of 4)"
ktap_check "shortest path 0 -> 5 is 0 1 2 5" \
	test "$(next_hop 0 5) $(next_hop 1 5) $(next_hop 2 5)" = "1 2 5"
ktap_check "n0 reaches n5 (three hops)" wait_until 10 ping_ok 0 "$(ip_of 5)"
ktap_check "n5 reaches n0 (three hops)" wait_until 10 ping_ok 5 "$(ip_of 0)"

link_cut 1 2
ktap_expect_fail "n0 cannot reach n5 with 1-2 cut" ping_ok 0 "$(ip_of 5)" 3
link_heal 1 2
ktap_check "n0 reaches n5 again once 1-2 is healed" \
	wait_until 10 ping_ok 0 "$(ip_of 5)"

ktap_finish
