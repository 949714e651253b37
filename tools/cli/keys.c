// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base64.h"
#include "keys.h"
#include "util.h"

#define KEY_B64_LEN KPSEC_B64_LEN(KPSEC_KEY_LEN)

/* Longer than any key line with generous trailing whitespace. */
#define KEY_FILE_MAX 256

void describe_key_source(const char *path, char *buf, size_t size)
{
	if (!strcmp(path, "-"))
		snprintf(buf, size, "key from standard input");
	else
		snprintf(buf, size, "key file \"%s\"", path);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	       c == '\v' || c == '\f';
}

/* Read at most KEY_FILE_MAX + 1 bytes of @fd; -1 on a read error. */
static ssize_t read_bounded(int fd, char *buf)
{
	size_t len = 0;

	while (len <= KEY_FILE_MAX) {
		ssize_t n = read(fd, buf + len, KEY_FILE_MAX + 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		len += (size_t)n;
	}
	return (ssize_t)len;
}

/* Check and decode the text of a key file; @what names it in messages. */
static bool decode_key_text(const char *what, char *text, size_t len,
			    uint8_t key[KPSEC_KEY_LEN])
{
	uint8_t decoded[KEY_FILE_MAX];
	bool ok = false;
	long n;
	size_t i;

	while (len && is_space(text[len - 1]))
		len--;
	if (!len) {
		report("%s is empty", what);
		return false;
	}
	for (i = 0; i < len; i++) {
		if (text[i] == '\n' || text[i] == '\r') {
			report("%s must hold one line: a key is %d base64 characters",
			       what, KEY_B64_LEN);
			return false;
		}
	}
	n = kpsec_b64_decode(decoded, sizeof(decoded), text, len);
	if (n < 0)
		report("%s is not valid base64", what);
	else if (n != KPSEC_KEY_LEN)
		report("%s holds %ld bytes: a key is exactly %d bytes (%d base64 characters)",
		       what, n, KPSEC_KEY_LEN, KEY_B64_LEN);
	else
		ok = true;
	if (ok)
		memcpy(key, decoded, KPSEC_KEY_LEN);
	sodium_memzero(decoded, sizeof(decoded));
	return ok;
}

bool read_key(const char *path, uint8_t key[KPSEC_KEY_LEN])
{
	bool from_stdin = !strcmp(path, "-");
	char what[PATH_MAX + 32];
	char text[KEY_FILE_MAX + 1];
	ssize_t len;
	bool ok = false;
	int fd;

	describe_key_source(path, what, sizeof(what));
	fd = from_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		report("cannot open %s: %s", what, strerror(errno));
		return false;
	}
	len = read_bounded(fd, text);
	if (len < 0)
		report("cannot read %s: %s", what, strerror(errno));
	else if (len > KEY_FILE_MAX)
		report("%s is too long: a key is one line of %d base64 characters",
		       what, KEY_B64_LEN);
	else
		ok = decode_key_text(what, text, (size_t)len, key);
	if (!from_stdin)
		close(fd);
	sodium_memzero(text, sizeof(text));
	return ok;
}

/*
 * For commands without arguments: -1 to go on, else the exit status
 * after printing the help or reporting the stray argument.
 */
static int check_no_arguments(const char *command, int argc, char **argv,
			      void (*usage)(void))
{
	if (argc <= 1)
		return -1;
	if (is_help_word(argv[1])) {
		usage();
		return 0;
	}
	report("%s takes no arguments (try \"kpsec %s help\")", command, command);
	return EXIT_USAGE;
}

static bool write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			report("cannot write to standard output: %s",
			       strerror(errno));
			return false;
		}
		buf += n;
		len -= (size_t)n;
	}
	return true;
}

/* Print @key as base64 and a newline, straight to fd 1: no stdio copy. */
static bool print_key(const uint8_t key[KPSEC_KEY_LEN])
{
	char line[KEY_B64_LEN + 2];
	bool ok;

	kpsec_b64_encode(line, key, KPSEC_KEY_LEN);
	line[KEY_B64_LEN] = '\n';
	ok = write_all(STDOUT_FILENO, line, KEY_B64_LEN + 1);
	sodium_memzero(line, sizeof(line));
	return ok;
}

/* Like wg: a secret written to a file others may read deserves a warning. */
static void warn_if_readable_by_others(void)
{
	struct stat st;

	if (!fstat(STDOUT_FILENO, &st) && S_ISREG(st.st_mode) &&
	    (st.st_mode & (S_IRWXG | S_IRWXO)))
		report("warning: writing a secret key to a file that others can read: run \"umask 077\" first");
}

static bool random_key(uint8_t key[KPSEC_KEY_LEN])
{
	size_t got = 0;

	while (got < KPSEC_KEY_LEN) {
		ssize_t n = getrandom(key + got, KPSEC_KEY_LEN - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			report("cannot get random bytes: %s", strerror(errno));
			return false;
		}
		got += (size_t)n;
	}
	return true;
}

/* RFC 7748 section 5: the clamping that makes 32 bytes an X25519 scalar. */
static void clamp_x25519_private_key(uint8_t key[KPSEC_KEY_LEN])
{
	key[0] &= 248;
	key[31] &= 127;
	key[31] |= 64;
}

static int generate_key(bool clamp)
{
	uint8_t key[KPSEC_KEY_LEN];
	bool ok;

	warn_if_readable_by_others();
	ok = random_key(key);
	if (ok && clamp)
		clamp_x25519_private_key(key);
	ok = ok && print_key(key);
	sodium_memzero(key, sizeof(key));
	return ok ? 0 : 1;
}

static void genkey_usage(void)
{
	puts("Usage: kpsec genkey\n"
	     "\n"
	     "Print a new random X25519 private key, in base64, on standard output.\n"
	     "Run \"umask 077\" before writing it to a file.\n"
	     "\n"
	     "Example: umask 077; kpsec genkey > private.key");
}

int cmd_genkey(int argc, char **argv)
{
	int ret;

	ret = check_no_arguments("genkey", argc, argv, genkey_usage);
	if (ret >= 0)
		return ret;
	return generate_key(true);
}

static void genpsk_usage(void)
{
	puts("Usage: kpsec genpsk\n"
	     "\n"
	     "Print a new random 32-byte static key, in base64, on standard output,\n"
	     "for a pair of peers to share (\"kpsec set DEV peer ID static-key FILE\").\n"
	     "Run \"umask 077\" before writing it to a file.\n"
	     "\n"
	     "Example: umask 077; kpsec genpsk > peer2.key");
}

int cmd_genpsk(int argc, char **argv)
{
	int ret;

	ret = check_no_arguments("genpsk", argc, argv, genpsk_usage);
	if (ret >= 0)
		return ret;
	return generate_key(false);
}

static void pubkey_usage(void)
{
	puts("Usage: kpsec pubkey\n"
	     "\n"
	     "Read a private key in base64 on standard input and print its X25519\n"
	     "public key, in base64, on standard output.\n"
	     "\n"
	     "Example: kpsec pubkey < private.key > public.key");
}

int cmd_pubkey(int argc, char **argv)
{
	uint8_t private_key[KPSEC_KEY_LEN], public_key[KPSEC_KEY_LEN];
	int ret;

	ret = check_no_arguments("pubkey", argc, argv, pubkey_usage);
	if (ret >= 0)
		return ret;
	if (sodium_init() < 0) {
		report("cannot initialise libsodium");
		return 1;
	}
	if (!read_key("-", private_key))
		return 1;
	ret = 1;
	if (crypto_scalarmult_curve25519_base(public_key, private_key))
		report("key from standard input is not a usable X25519 private key");
	else if (print_key(public_key))
		ret = 0;
	sodium_memzero(private_key, sizeof(private_key));
	return ret;
}
