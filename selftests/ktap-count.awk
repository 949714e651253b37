# SPDX-License-Identifier: GPL-2.0
# Count the results of a KTAP stream (nested subtests included) and print
# "PASS FAIL SKIP".  Leaf results count; a parent result counts only when
# it failed with no failing child (a timeout, a kernel warning, a bad plan).
# "Bail out!" counts as one failure.
function indent_of(s) { match(s, /^ */); return RLENGTH }
/^ *(ok|not ok) [0-9]/ {
	d = indent_of($0)
	failed = ($0 ~ /^ *not ok /)
	skipped = ($0 ~ /# *[Ss][Kk][Ii][Pp]/)
	if (last_d > d) {			# closes a group of subtests
		if (failed && !child_fail[d])
			fail++
	} else if (skipped) {
		skip++
	} else if (failed) {
		fail++
	} else {
		pass++
	}
	for (k = d; k <= 64; k++)
		child_fail[k] = 0
	if (failed)
		for (k = 0; k < d; k++)
			child_fail[k] = 1
	last_d = d
	next
}
/Bail out!/ { fail++ }
END { printf "%d %d %d\n", pass, fail, skip }
