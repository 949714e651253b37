#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Malformed and truncated routing frames, sent raw on the lower link, are
# dropped and counted; the node keeps routing.

. /scenario/kpsec-lib.sh

ktap_plan 15

topo_line 3
kpsec_mesh 3
kpsec_e2e_key 0 2
ktap_check "n0 reaches n2" wait_until 20 ping_ok 0 "$(kpsec_ip4 2)"

BCAST=ff:ff:ff:ff:ff:ff
# Header: ver 01, type, ttl 01, flags 00, src 00000001, dst ffffffff,
# key index 00000000, counter 0000000000000001.
hdr() { printf '01%s0100%sffffffff000000000000000000000001' "$1" "${2:-00000001}"; }

# send_bad DESC COUNTER HEX: n0 sends HEX; n1's COUNTER goes up by one.
send_bad() {
	local desc=$1 counter=$2 hex=$3 before
	before=$(kpsec_counter 1 "$counter")
	in_ns 0 kpsec-frame send wlan0 "$BCAST" "$hex" || return 1
	wait_until 5 kpsec_counter_is 1 "$counter" $((before + 1))
}
ktap_check "HELLO shorter than its fixed part" send_bad x rx_ctrl_malformed "$(hdr 02)00fa"
ktap_check "HELLO whose count overruns the frame" send_bad x rx_ctrl_malformed \
	"$(hdr 02)00fa0002000000020ff10000"
ktap_check "HELLO with bytes after its entries" send_bad x rx_ctrl_malformed \
	"$(hdr 02)00fa0001000000020ff10000ff"
ktap_check "HELLO with interval 0" send_bad x rx_ctrl_malformed "$(hdr 02)00000000"
ktap_check "LSA shorter than its fixed part" send_bad x rx_ctrl_malformed "$(hdr 03)0000000900000001"
ktap_check "LSA with a TLV overrunning the frame" send_bad x rx_ctrl_malformed \
	"$(hdr 03)000000090000000100010000010000ff"
ktap_check "LSA linking its origin to itself" send_bad x rx_ctrl_malformed \
	"$(hdr 03)00000009000000010001000100000009""01000000"
# The pool key ring advertisement (TLV 2): IDs ascending, 4 bytes each, once.
ktap_check "LSA whose pool key IDs do not ascend" send_bad x rx_ctrl_malformed \
	"$(hdr 03)0000000a00000001000100000200000800000005""00000003"
ktap_check "LSA whose pool key ring is not whole IDs" send_bad x rx_ctrl_malformed \
	"$(hdr 03)0000000a00000001000100000200000300aabb""cc"
ktap_check "LSA with two pool key rings" send_bad x rx_ctrl_malformed \
	"$(hdr 03)0000000a000000010001000002000004000000050200000400000006"
ktap_check "a control frame from node 0 (bad header)" send_bad x rx_malformed \
	"$(hdr 02 00000000)00fa0000"
ktap_check "an unknown frame type (bad header)" send_bad x rx_malformed "$(hdr 07)00fa0000"
ktap_check "a truncated header" send_bad x rx_malformed "0102010000000001ffff"

ktap_check "n1 still forwards: n0 reaches n2" ping_ok 0 "$(kpsec_ip4 2)" 3

ktap_finish
