# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2154
#
# What setconf, addconf and set sym-q send, against a fake kernel
# (conf_fixture.c): the attributes of each KPSEC_CMD_SET_DEVICE, keys by
# a hash only, and that every request is freed (wiped) and every parsed
# file wiped, on every path.  Sourced by kx.sh, whose files ($C) and keys
# it uses; host cases only (the guest has no compiler).

CONF_FIXTURE=$TMP/conf_fixture
build_conf_fixture() {
	local cflags libs

	command -v "${CC:-cc}" > /dev/null &&
		pkg-config --exists libnl-genl-3.0 libsodium 2> /dev/null || return 1
	read -ra cflags <<< "$(pkg-config --cflags libnl-genl-3.0 libsodium)"
	read -ra libs <<< "$(pkg-config --libs libnl-genl-3.0 libsodium)"
	"${CC:-cc}" -D_GNU_SOURCE -O2 -Wall -Wextra -Werror \
		-I"$ROOT/tools/cli" -I"$ROOT/kmod/uapi" -I"$ROOT/lib" "${cflags[@]}" \
		"$ROOT"/selftests/cli/conf_fixture.c \
		"$ROOT"/tools/cli/{conf,device,format,keys,kx,parse,set,util}.c \
		"$ROOT"/lib/{addr,base64,nodeconf}.c -Wl,--wrap=kpsec_nodeconf_wipe \
		"${libs[@]}" -o "$CONF_FIXTURE" 2> "$TMP/cc-conf.log"
}

if ! build_conf_fixture; then
	unavailable "setconf, addconf, set sym-q: the requests sent" \
		"no C compiler, libnl or libsodium here: $(cat "$TMP/cc-conf.log" 2> /dev/null)"
else
	cat "$C/ring-128" "$C/sym-256" > "$C/full"
	printf '[SymKeyRing]\n5 = %s\n' "$sym2" > "$C/sym-only"
	printf '[Node]\nSymQ = 2\n[SymKeyRing]\n5 = %s\n' "$sym2" > "$C/sym-q-file"
	printf '[SymKeyRing]\n5 = %s\n[Node]\nSymQ = 17\n' "$sym2" > "$C/sym-q-bad"
	while read -r scenario args; do
		echo "--- $scenario $args"
		# shellcheck disable=SC2086
		(cd "$C" && "$CONF_FIXTURE" $scenario $args 2>&1)
	done > "$TMP/conf.out" <<'EOF'
- setconf lo sym-ring
- addconf lo sym-ring
- setconf lo good
- addconf lo good
- setconf lo sym-only
- addconf lo sym-only
- setconf lo sym-q-file
- addconf lo sym-q-file
- setconf lo sym-q-bad
- addconf lo sym-crlf
- setconf lo sym-empty
- addconf lo sym-empty
- setconf lo empty
- addconf lo full
refuse setconf lo sym-ring
no-family setconf lo sym-ring
- setconf nosuchdev0 sym-ring
- addconf lo sym-dup-id
- addconf lo nope
- set lo sym-q 2
- set lo sym-q 16 kx-rho 3
- set lo sym-q 17
refuse set lo sym-q 1
EOF
	if diff -u "$ROOT/selftests/cli/conf.expected" "$TMP/conf.out" > "$TMP/diff"; then
		pass "setconf, addconf, set sym-q: the requests sent, freed and wiped on every path"
	else
		fail "setconf, addconf, set sym-q: the requests sent" "$(cat "$TMP/diff")"
	fi
	# The hashes printed are those of the file's keys, under their IDs.
	if command -v python3 > /dev/null; then
		python3 - "$TMP/conf.out" "$sym1" "$sym2" "$pub3" > "$TMP/hash.log" 2>&1 <<'EOF'
import base64, hashlib, sys
out = open(sys.argv[1]).read()
h = lambda k: "#" + hashlib.blake2b(base64.b64decode(k), digest_size=32).hexdigest()[:8]
sym1, sym2, pub3 = (h(k) for k in sys.argv[2:5])
want = "{id 3 key %s}" % pub3
assert want in out, want
want = "symmetric key ring, 2 entries: {id 17 key %s} {id 0 key %s}" % (sym1, sym2)
assert want in out, want
assert "{id 255 key %s}" % sym1 in out
EOF
		verdict $? "setconf: each pool key sent under its ID" "$(cat "$TMP/hash.log")"
	else
		unavailable "setconf: each pool key sent under its ID" "no python3"
	fi
	! grep -qF -e "$sym1" -e "$sym2" -e "$priv" "$TMP/conf.out"
	verdict $? "setconf, addconf: no key in any output or message" "$(grep -cF -e "$sym1" -e "$sym2" "$TMP/conf.out") lines hold a key"
fi
