// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec qkd status   KMECONF SAE_ID
 * kpsec qkd enc-keys KMECONF SLAVE_SAE_ID [number N] [size BITS] {out FILE | dev DEV peer NODE}
 * kpsec qkd dec-keys KMECONF MASTER_SAE_ID {ids FILE | id UUID...} {out FILE | dev DEV peer NODE}
 *
 * One-shot ETSI GS QKD 014 requests to a KME (etsi014.h).  The command
 * line, KMECONF, the key IDs and the destination are all checked before
 * the KME is asked, since the keys it hands out are gone from its pool.
 * Keys go to a file of mode 0600 or into the module, never to stdout,
 * and only once the whole reply has been checked.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../cli/json.h"
#include "../cli/parse.h"
#include "../cli/qkd.h"
#include "../cli/util.h"
#include "container.h"
#include "etsi014.h"

/* 1024 IDs in JSON, with room for comments. */
#define IDS_FILE_MAX (1024 * 1024)

enum client_cmd {
	CMD_STATUS,
	CMD_ENC_KEYS,
	CMD_DEC_KEYS,
};

struct client_args {
	enum client_cmd cmd;
	const char *name;		/* argv[0] */
	const char *kmeconf;
	const char *sae;
	bool json;
	const char *number_arg, *size_arg;
	unsigned int number, size;
	const char *out;		/* out FILE */
	const char *dev;		/* dev DEV peer NODE */
	const char *peer_arg;
	uint32_t node;
	const char *ids_file;		/* ids FILE */
	uint8_t (*ids)[QKD_KEY_ID_LEN];	/* id UUID..., or read from ids FILE */
	size_t n_ids, ids_room;
};

static void usage_status(void)
{
	puts("Usage: kpsec qkd status KMECONF SAE_ID [-j | --json]\n"
	     "\n"
	     "Ask the KME that KMECONF names for the status of the keys this SAE shares\n"
	     "with the slave SAE SAE_ID (ETSI GS QKD 014 Get status): the KME and SAE IDs,\n"
	     "the default key size, keys stored and at most stored, keys per request,\n"
	     "and the smallest and largest key size, in bits.\n"
	     "\n"
	     "  -j, --json     the status as the KME gave it, a JSON object\n"
	     "\n"
	     "KMECONF looks like this (see kpsec-qkd(8)):\n"
	     "\n"
	     "  [KME]\n"
	     "  URL = https://192.0.2.1:8443      # https only\n"
	     "  Certificate = sae-1.crt           # this SAE's certificate (PEM)\n"
	     "  PrivateKey = sae-1.key            # its key: mode 0600, owner only\n"
	     "  CA = ca.crt                       # verifies the KME\n"
	     "  Timeout = 5                       # seconds, 1 to 300 (10)\n"
	     "\n"
	     "Relative paths are relative to the directory of KMECONF.\n"
	     "\n"
	     "Example: kpsec qkd status /etc/kpsec/kme.conf sae-2");
}

static void usage_enc_keys(void)
{
	puts("Usage: kpsec qkd enc-keys KMECONF SLAVE_SAE_ID [number N] [size BITS]\n"
	     "                           {out FILE | dev DEV peer NODE} [-j | --json]\n"
	     "\n"
	     "Get N new keys (1 by default) of BITS bits (the KME's key size by default)\n"
	     "that this SAE shares with the slave SAE SLAVE_SAE_ID (ETSI GS QKD 014 Get\n"
	     "key, as master SAE), and print their key IDs, one a line; the slave gets\n"
	     "the same keys with \"kpsec qkd dec-keys\" and these IDs.\n"
	     "\n"
	     "  number N       1 to 1024, and at most what the KME's status allows\n"
	     "  size BITS      128 to 1024, a multiple of 8, within the KME's sizes\n"
	     "  out FILE       write the keys to FILE (mode 0600), a key container\n"
	     "                 {\"keys\":[{\"key_ID\":UUID,\"key\":BASE64},...]}\n"
	     "  dev DEV peer NODE\n"
	     "                 load the keys into kpsec device DEV, for node NODE\n"
	     "  -j, --json     print the key IDs as {\"key_IDs\":[{\"key_ID\":UUID},...]}\n"
	     "\n"
	     "The request is checked against the KME's status first, and the reply\n"
	     "must be exactly the keys asked: nothing is written otherwise.  Keys never\n"
	     "go to standard output.\n"
	     "\n"
	     "Example: kpsec qkd enc-keys kme.conf sae-2 number 4 size 256 out keys.json");
}

static void usage_dec_keys(void)
{
	puts("Usage: kpsec qkd dec-keys KMECONF MASTER_SAE_ID {ids FILE | id UUID [id UUID]...}\n"
	     "                           {out FILE | dev DEV peer NODE} [-j | --json]\n"
	     "\n"
	     "Get the keys with the given key IDs that the master SAE MASTER_SAE_ID got\n"
	     "with \"kpsec qkd enc-keys\" for this SAE (ETSI GS QKD 014 Get key with key\n"
	     "IDs, as slave SAE), and print their key IDs, one a line.\n"
	     "\n"
	     "  ids FILE       the key IDs from FILE (- for standard input): the JSON\n"
	     "                 that \"kpsec -j qkd enc-keys\" prints, or one UUID a line\n"
	     "                 ('#' starts a comment)\n"
	     "  id UUID        a key ID; up to 1024 of them\n"
	     "  out FILE       write the keys to FILE (mode 0600), a key container\n"
	     "  dev DEV peer NODE\n"
	     "                 load the keys into kpsec device DEV, for node NODE\n"
	     "  -j, --json     print the key IDs as {\"key_IDs\":[{\"key_ID\":UUID},...]}\n"
	     "\n"
	     "The reply must hold exactly the keys asked: nothing is written otherwise.\n"
	     "\n"
	     "Example: kpsec qkd dec-keys kme.conf sae-1 ids ids.json out keys.json");
}

static const char *const cmd_syntax[] = {
	[CMD_STATUS] = "kpsec qkd status KMECONF SAE_ID",
	[CMD_ENC_KEYS] = "kpsec qkd enc-keys KMECONF SLAVE_SAE_ID ...",
	[CMD_DEC_KEYS] = "kpsec qkd dec-keys KMECONF MASTER_SAE_ID ...",
};

static const char *const sae_what[] = {
	[CMD_STATUS] = "an SAE ID",
	[CMD_ENC_KEYS] = "the slave SAE ID",
	[CMD_DEC_KEYS] = "the master SAE ID",
};

/* --- the command line -------------------------------------------------- */

static bool is_json_option(const char *arg)
{
	return !strcmp(arg, "-j") || !strcmp(arg, "--json");
}

/* The value of keyword argv[*i], advancing *i; NULL after reporting. */
static const char *value_of(const struct client_args *a, int argc, char **argv, int *i,
			    const char *syntax, const char *given)
{
	const char *kw = argv[*i];

	if (given) {
		report("%s given twice", kw);
		return NULL;
	}
	if (*i + 1 >= argc) {
		report("%s needs a value: %s (try \"kpsec qkd %s help\")", kw, syntax, a->name);
		return NULL;
	}
	return argv[++*i];
}

static bool parse_count(const char *what, const char *arg, unsigned int min,
			unsigned int max, unsigned int step, unsigned int *out)
{
	unsigned long v = 0;

	if (is_decimal(arg) && strlen(arg) <= 5)
		v = strtoul(arg, NULL, 10);
	if (!is_decimal(arg) || strlen(arg) > 5 || v < min || v > max || v % step) {
		if (step > 1)
			report("invalid %s \"%s\": expected bits from %u to %u, a multiple of %u",
			       what, arg, min, max, step);
		else
			report("invalid %s \"%s\": expected a decimal number from %u to %u",
			       what, arg, min, max);
		return false;
	}
	*out = (unsigned int)v;
	return true;
}

static void add_id(struct client_args *a, const uint8_t id[QKD_KEY_ID_LEN])
{
	a->ids = xgrow(a->ids, &a->ids_room, a->n_ids, sizeof(*a->ids));
	memcpy(a->ids[a->n_ids++], id, QKD_KEY_ID_LEN);
}

/* The index of @id among the IDs so far, or -1. */
static long find_id(const struct client_args *a, const uint8_t id[QKD_KEY_ID_LEN])
{
	size_t i;

	for (i = 0; i < a->n_ids; i++)
		if (!memcmp(a->ids[i], id, QKD_KEY_ID_LEN))
			return (long)i;
	return -1;
}

static bool parse_id_arg(struct client_args *a, const char *arg)
{
	char s[QKD_UUID_STR_LEN + 1];
	uint8_t id[QKD_KEY_ID_LEN];

	if (!parse_key_id_arg(arg, id))
		return false;
	if (find_id(a, id) >= 0) {
		qkd_uuid_format(s, id);
		report("key ID %s given twice", s);
		return false;
	}
	if (a->n_ids == QKD_CONTAINER_MAX) {
		report("more than %d key IDs: ask for them in several requests", QKD_CONTAINER_MAX);
		return false;
	}
	add_id(a, id);
	return true;
}

/* One keyword and its value at argv[*i]; false after reporting. */
static bool parse_keyword(struct client_args *a, int argc, char **argv, int *i)
{
	const char *kw = argv[*i], *v;

	if (a->cmd == CMD_ENC_KEYS && !strcmp(kw, "number")) {
		v = value_of(a, argc, argv, i, "number N", a->number_arg);
		if (!v || !parse_count("number", v, 1, QKD_CONTAINER_MAX, 1, &a->number))
			return false;
		a->number_arg = v;
	} else if (a->cmd == CMD_ENC_KEYS && !strcmp(kw, "size")) {
		v = value_of(a, argc, argv, i, "size BITS", a->size_arg);
		if (!v || !parse_count("size", v, QKD_KEY_MIN_BYTES * 8, QKD_KEY_MAX_BYTES * 8,
				       8, &a->size))
			return false;
		a->size_arg = v;
	} else if (a->cmd == CMD_DEC_KEYS && !strcmp(kw, "ids")) {
		v = value_of(a, argc, argv, i, "ids FILE", a->ids_file);
		if (!v)
			return false;
		if (looks_like_key(v) && access(v, F_OK)) {
			report("ids takes a file name, not a key: keys are never given on the command line");
			return false;
		}
		a->ids_file = v;
	} else if (a->cmd == CMD_DEC_KEYS && !strcmp(kw, "id")) {
		v = value_of(a, argc, argv, i, "id UUID", NULL);
		if (!v || !parse_id_arg(a, v))
			return false;
	} else if (!strcmp(kw, "out")) {
		v = value_of(a, argc, argv, i, "out FILE", a->out);
		if (!v)
			return false;
		if (!strcmp(v, "-")) {
			report("keys are never written to standard output: out takes a file name");
			return false;
		}
		a->out = v;
	} else if (!strcmp(kw, "dev")) {
		v = value_of(a, argc, argv, i, "dev DEV peer NODE", a->dev);
		if (!v)
			return false;
		a->dev = v;
	} else if (!strcmp(kw, "peer")) {
		v = value_of(a, argc, argv, i, "peer NODE", a->peer_arg);
		if (!v || !parse_node_id(v, &a->node))
			return false;
		a->peer_arg = v;
	} else {
		report_unknown("argument", kw,
			       a->cmd == CMD_ENC_KEYS ? "qkd enc-keys" : "qkd dec-keys");
		return false;
	}
	return true;
}

static bool check_destination(const struct client_args *a)
{
	if (a->out && a->dev) {
		report("out and dev cannot be combined: choose one");
		return false;
	}
	if (a->peer_arg && !a->dev) {
		report("peer belongs to dev: dev DEV peer NODE (try \"kpsec qkd %s help\")", a->name);
		return false;
	}
	if (a->dev && !a->peer_arg) {
		report("dev needs a peer: dev DEV peer NODE (try \"kpsec qkd %s help\")", a->name);
		return false;
	}
	if (!a->out && !a->dev) {
		report("%s needs where the keys go: out FILE or dev DEV peer NODE (try \"kpsec qkd %s help\")",
		       a->name, a->name);
		return false;
	}
	return true;
}

/* The whole command line into @a: -1 to go on, else the exit status. */
static int parse_args(struct client_args *a, int argc, char **argv)
{
	const char *cmd = a->cmd == CMD_STATUS ? "qkd status" :
			  a->cmd == CMD_ENC_KEYS ? "qkd enc-keys" : "qkd dec-keys";
	int i, positional = 0;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (is_json_option(arg)) {
			a->json = true;
		} else if (positional < 2 && arg[0] == '-') {
			report_unknown("option", arg, cmd);
			return EXIT_USAGE;
		} else if (positional == 0) {
			if (looks_like_key(arg) && access(arg, F_OK)) {
				report("%s takes a KME configuration file, not a key: keys are never given on the command line",
				       a->name);
				return EXIT_USAGE;
			}
			a->kmeconf = arg;
			positional++;
		} else if (positional == 1) {
			if (!etsi_sae_id_valid(arg)) {
				if (looks_like_key(arg))
					report("invalid SAE ID that looks like a key: keys are never given on the command line");
				else
					report("invalid SAE ID \"%s\": expected 1 to %d letters, digits, '-', '_', '.' or '~', not starting with '.'",
					       arg, ETSI_ID_MAX);
				return EXIT_USAGE;
			}
			a->sae = arg;
			positional++;
		} else if (a->cmd == CMD_STATUS) {
			report_unknown("argument", arg, cmd);
			return EXIT_USAGE;
		} else if (!parse_keyword(a, argc, argv, &i)) {
			return EXIT_USAGE;
		}
	}
	if (positional < 2) {
		report("%s needs a KME configuration file and %s: %s (try \"kpsec %s help\")",
		       a->name, sae_what[a->cmd], cmd_syntax[a->cmd], cmd);
		return EXIT_USAGE;
	}
	if (a->cmd == CMD_STATUS)
		return -1;
	if (a->cmd == CMD_DEC_KEYS) {
		if (a->ids_file && a->n_ids) {
			report("ids and id cannot be combined: choose one");
			return EXIT_USAGE;
		}
		if (!a->ids_file && !a->n_ids) {
			report("dec-keys needs the key IDs: ids FILE or id UUID [id UUID]... (try \"kpsec qkd dec-keys help\")");
			return EXIT_USAGE;
		}
	}
	if (!check_destination(a))
		return EXIT_USAGE;
	return -1;
}

/* --- ids FILE ---------------------------------------------------------- */

static const char *file_name(const char *path)
{
	return strcmp(path, "-") ? path : "<stdin>";
}

static char *read_ids_file(const char *path, size_t *len)
{
	bool from_stdin = !strcmp(path, "-");
	char *buf = xcalloc(IDS_FILE_MAX + 1, 1);
	ssize_t n = 0;
	int fd;

	*len = 0;
	fd = from_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		report("cannot open key ID file \"%s\": %s", path, strerror(errno));
		free(buf);
		return NULL;
	}
	while (*len <= IDS_FILE_MAX) {
		n = read(fd, buf + *len, IDS_FILE_MAX + 1 - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		*len += (size_t)n;
	}
	if (n < 0)
		report("cannot read key ID file \"%s\": %s", file_name(path), strerror(errno));
	else if (*len > IDS_FILE_MAX)
		report("key ID file \"%s\" is too long: at most %d bytes",
		       file_name(path), IDS_FILE_MAX);
	if (!from_stdin)
		close(fd);
	if (n >= 0 && *len <= IDS_FILE_MAX)
		return buf;
	/* It may have been a key container by mistake. */
	explicit_bzero(buf, IDS_FILE_MAX + 1);
	free(buf);
	return NULL;
}

/* {"key_IDs":[{"key_ID":UUID},...]}, as ETSI GS QKD 014 gives key IDs. */
static bool parse_ids_json(struct client_args *a, const char *name, const char *text,
			   size_t len)
{
	uint8_t (*ids)[QKD_KEY_ID_LEN];
	char err[256];
	size_t n, i;

	if (!qkd_key_ids_parse(text, len, &ids, &n, err, sizeof(err))) {
		report("%s: %s", name, err);
		return false;
	}
	for (i = 0; i < n; i++)
		add_id(a, ids[i]);
	free(ids);
	return true;
}

/* One UUID a line; '#' starts a comment; blank lines are skipped. */
static bool parse_ids_lines(struct client_args *a, const char *name, const char *text,
			    size_t len)
{
	unsigned int line = 0, *lines = NULL;
	size_t pos = 0, start, n, lines_room = 0;
	char s[QKD_UUID_STR_LEN + 1];
	uint8_t id[QKD_KEY_ID_LEN];
	bool ok = false;
	long dup;

	while (pos < len) {
		start = pos;
		while (pos < len && text[pos] != '\n')
			pos++;
		n = pos - start;
		if (pos < len)
			pos++;
		line++;
		if (memchr(text + start, '#', n))
			n = (size_t)((const char *)memchr(text + start, '#', n) - (text + start));
		while (n && strchr(" \t\r\v\f", text[start])) {
			start++;
			n--;
		}
		while (n && strchr(" \t\r\v\f", text[start + n - 1]))
			n--;
		if (!n)
			continue;
		snprintf(s, sizeof(s), "%.*s", (int)(n > QKD_UUID_STR_LEN ? 0 : n), text + start);
		if (n != QKD_UUID_STR_LEN || !qkd_uuid_parse(s, id)) {
			report("%s:%u: not a UUID: expected one key ID (8-4-4-4-12 hex digits) a line",
			       name, line);
			goto out;
		}
		dup = find_id(a, id);
		if (dup >= 0) {
			qkd_uuid_format(s, id);
			report("%s:%u: key ID %s given twice (line %u)", name, line, s, lines[dup]);
			goto out;
		}
		if (a->n_ids == QKD_CONTAINER_MAX) {
			report("%s:%u: more than %d key IDs: ask for them in several requests",
			       name, line, QKD_CONTAINER_MAX);
			goto out;
		}
		lines = xgrow(lines, &lines_room, a->n_ids, sizeof(*lines));
		lines[a->n_ids] = line;
		add_id(a, id);
	}
	ok = true;
out:
	free(lines);
	return ok;
}

static bool load_ids(struct client_args *a)
{
	const char *name = file_name(a->ids_file);
	size_t len, i = 0;
	char *text;
	bool ok;

	text = read_ids_file(a->ids_file, &len);
	if (!text)
		return false;
	while (i < len && strchr(" \t\r\n", text[i]))
		i++;
	if (i < len && text[i] == '{')
		ok = parse_ids_json(a, name, text, len);
	else
		ok = parse_ids_lines(a, name, text, len);
	if (ok && !a->n_ids) {
		report("%s: no key IDs", name);
		ok = false;
	}
	explicit_bzero(text, len);
	free(text);
	return ok;
}

/* --- where the keys go ------------------------------------------------- */

/*
 * Whether @path can take the keys, checked before asking the KME: a
 * regular file or none (then its directory must be writable), never a
 * symbolic link.
 */
static bool check_out_file(const char *path)
{
	char dir[PATH_MAX];
	const char *slash;
	struct stat st;

	if (!lstat(path, &st)) {
		if (S_ISLNK(st.st_mode)) {
			report("refusing to write keys to \"%s\": it is a symbolic link", path);
			return false;
		}
		if (!S_ISREG(st.st_mode)) {
			report("refusing to write keys to \"%s\": not a regular file", path);
			return false;
		}
		if (access(path, W_OK)) {
			report("cannot write keys to \"%s\": %s", path, strerror(errno));
			return false;
		}
		return true;
	}
	if (errno != ENOENT) {
		report("cannot write keys to \"%s\": %s", path, strerror(errno));
		return false;
	}
	slash = strrchr(path, '/');
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	if (access(dir, W_OK | X_OK)) {
		report("cannot write keys to \"%s\": %s: %s", path, dir, strerror(errno));
		return false;
	}
	return true;
}

static bool write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		buf += n;
		len -= (size_t)n;
	}
	return true;
}

/* The key container of @keys into @path, mode 0600; all of it or none. */
static bool write_keys(const char *path, const struct qkd_keys *keys)
{
	char *text = qkd_container_format(keys);
	struct stat st;
	bool ok = false;
	size_t len;
	int fd;

	if (!text) {
		report("out of memory");
		return false;
	}
	len = strlen(text);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == ELOOP)
			report("refusing to write keys to \"%s\": it is a symbolic link", path);
		else
			report("cannot write keys to \"%s\": %s", path, strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		report("refusing to write keys to \"%s\": not a regular file", path);
		close(fd);
		goto out;
	}
	/* An existing file keeps its mode otherwise. */
	if (fchmod(fd, 0600) || !write_all(fd, text, len) || !write_all(fd, "\n", 1) ||
	    fsync(fd)) {
		report("cannot write keys to \"%s\": %s", path, strerror(errno));
		/* No partial key file left behind. */
		if (ftruncate(fd, 0) || unlink(path))
			report("cannot remove the partial key file \"%s\": %s", path, strerror(errno));
		close(fd);
		goto out;
	}
	if (close(fd)) {
		report("cannot write keys to \"%s\": %s", path, strerror(errno));
		if (unlink(path))
			report("cannot remove the partial key file \"%s\": %s", path, strerror(errno));
		goto out;
	}
	ok = true;
out:
	explicit_bzero(text, len);
	free(text);
	return ok;
}

static int print_ids(const struct qkd_keys *keys, bool json)
{
	char s[QKD_UUID_STR_LEN + 1];
	struct json_writer w;
	size_t i;

	if (json) {
		json_init(&w, stdout);
		json_open_object(&w, NULL);
		json_open_array(&w, "key_IDs");
	}
	for (i = 0; i < keys->n; i++) {
		qkd_uuid_format(s, keys->k[i].id);
		if (json) {
			json_open_object(&w, NULL);
			json_string(&w, "key_ID", s);
			json_close_object(&w);
		} else {
			puts(s);
		}
	}
	if (json) {
		json_close_array(&w);
		json_close_object(&w);
		putchar('\n');
	}
	if (fflush(stdout) || ferror(stdout)) {
		report("cannot write to standard output: %s", strerror(errno));
		return 1;
	}
	return 0;
}

/* --- status ------------------------------------------------------------ */

static void print_status_json(const struct etsi_status *st)
{
	struct json_writer w;

	json_init(&w, stdout);
	json_open_object(&w, NULL);
	json_string(&w, "source_KME_ID", st->source_kme_id);
	json_string(&w, "target_KME_ID", st->target_kme_id);
	json_string(&w, "master_SAE_ID", st->master_sae_id);
	json_string(&w, "slave_SAE_ID", st->slave_sae_id);
	json_u64(&w, "key_size", st->key_size);
	json_u64(&w, "stored_key_count", st->stored_key_count);
	json_u64(&w, "max_key_count", st->max_key_count);
	json_u64(&w, "max_key_per_request", st->max_key_per_request);
	json_u64(&w, "max_key_size", st->max_key_size);
	json_u64(&w, "min_key_size", st->min_key_size);
	if (st->has_max_sae_id_count)
		json_u64(&w, "max_SAE_ID_count", st->max_sae_id_count);
	json_close_object(&w);
	putchar('\n');
}

static void print_status_text(const struct etsi_status *st)
{
	const struct {
		const char *name;
		const char *s;
		uint64_t v;
	} rows[] = {
		{ "source_KME_ID", st->source_kme_id, 0 },
		{ "target_KME_ID", st->target_kme_id, 0 },
		{ "master_SAE_ID", st->master_sae_id, 0 },
		{ "slave_SAE_ID", st->slave_sae_id, 0 },
		{ "key_size", NULL, st->key_size },
		{ "stored_key_count", NULL, st->stored_key_count },
		{ "max_key_count", NULL, st->max_key_count },
		{ "max_key_per_request", NULL, st->max_key_per_request },
		{ "max_key_size", NULL, st->max_key_size },
		{ "min_key_size", NULL, st->min_key_size },
		{ "max_SAE_ID_count", NULL, st->max_sae_id_count },
	};
	size_t i, n = ARRAY_SIZE(rows) - !st->has_max_sae_id_count;

	for (i = 0; i < n; i++) {
		if (rows[i].s)
			printf("%-19s  %s\n", rows[i].name, rows[i].s);
		else
			printf("%-19s  %llu\n", rows[i].name, (unsigned long long)rows[i].v);
	}
}

/* --- the commands ------------------------------------------------------ */

static int run(struct client_args *a)
{
	struct etsi_client *client = NULL;
	struct qkd_keys keys = { 0 };
	struct etsi_config *conf;
	enum etsi_err e = ETSI_E_LOCAL;
	struct etsi_status st;
	char err[1024];
	int ret = 1;

	conf = xcalloc(1, sizeof(*conf));
	if (etsi_config_load(a->kmeconf, conf, err, sizeof(err))) {
		report("%s", err);
		goto out;
	}
	if (a->ids_file && !load_ids(a))
		goto out;
	/* Keys the KME hands out leave its pool: have a place for them first. */
	if (a->out && !check_out_file(a->out))
		goto out;
	if (a->dev && !device_index("device", a->dev))
		goto out;
	e = etsi_client_new(conf, &client, err, sizeof(err));
	if (!e) {
		switch (a->cmd) {
		case CMD_STATUS:
			e = etsi_get_status(client, a->sae, &st, err, sizeof(err));
			break;
		case CMD_ENC_KEYS:
			e = etsi_get_key(client, a->sae, NULL, a->number ? a->number : 1,
					 a->size, &keys, err, sizeof(err));
			break;
		case CMD_DEC_KEYS:
			e = etsi_get_key_with_ids(client, a->sae,
						  (const uint8_t (*)[QKD_KEY_ID_LEN])a->ids,
						  a->n_ids, &keys, err, sizeof(err));
			break;
		}
	}
	if (e) {
		report("%s", err);
		goto out;
	}
	if (a->cmd == CMD_STATUS) {
		if (a->json)
			print_status_json(&st);
		else
			print_status_text(&st);
		ret = fflush(stdout) || ferror(stdout);
		if (ret)
			report("cannot write to standard output: %s", strerror(errno));
		goto out;
	}
	if (a->out ? !write_keys(a->out, &keys) : qkd_import(a->dev, a->node, &keys) != 0)
		goto out;
	ret = print_ids(&keys, a->json);
out:
	qkd_keys_free(&keys);
	etsi_client_free(client);
	free(conf);
	free(a->ids);
	return ret;
}

static int client_main(enum client_cmd cmd, void (*usage)(void), int argc, char **argv)
{
	struct client_args a = { .cmd = cmd, .name = argv[0] };
	int ret;

	if (argc >= 2 && is_help_word(argv[1])) {
		usage();
		return 0;
	}
	ret = parse_args(&a, argc, argv);
	if (ret >= 0) {
		free(a.ids);
		return ret;
	}
	return run(&a);
}

int qkd_cmd_status(int argc, char **argv)
{
	return client_main(CMD_STATUS, usage_status, argc, argv);
}

int qkd_cmd_enc_keys(int argc, char **argv)
{
	return client_main(CMD_ENC_KEYS, usage_enc_keys, argc, argv);
}

int qkd_cmd_dec_keys(int argc, char **argv)
{
	return client_main(CMD_DEC_KEYS, usage_dec_keys, argc, argv);
}
