// SPDX-License-Identifier: GPL-2.0
/*
 * The KMECONF file of the ETSI GS QKD 014 client (etsi014.h): where the
 * KME is and the TLS credentials of our SAE, in the INI style of the node
 * configuration files, errors as "FILE:LINE: ...".
 */
#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "etsi014.h"
#include "ini.h"

/* A KMECONF is a few lines. */
#define CONF_MAX (64 * 1024)

enum conf_key {
	KEY_URL,
	KEY_CERT,
	KEY_PRIVATE_KEY,
	KEY_CA,
	KEY_TIMEOUT,
	KEY_COUNT
};

static const char *const key_names[KEY_COUNT] = {
	[KEY_URL] = "URL",
	[KEY_CERT] = "Certificate",
	[KEY_PRIVATE_KEY] = "PrivateKey",
	[KEY_CA] = "CA",
	[KEY_TIMEOUT] = "Timeout",
};

struct conf_parser {
	const char *path;
	struct etsi_config *conf;
	unsigned int line;
	unsigned int kme_line;		/* the first [KME] */
	unsigned int key_line[KEY_COUNT];
	char *err;
	size_t errlen;
};

static enum etsi_err conf_err(struct conf_parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static enum etsi_err conf_err(struct conf_parser *p, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return etsi_set_err(p->err, p->errlen, ETSI_E_LOCAL, "%s:%u: %s", p->path, p->line, what);
}

/* "https://HOST[:PORT][/PATH]": nothing else, and no trailing '/'. */
static enum etsi_err conf_url(struct conf_parser *p, const char *value)
{
	static const struct {
		CURLUPart part;
		const char *what;
	} refused[] = {
		{ CURLUPART_USER, "a user name" },
		{ CURLUPART_PASSWORD, "a password" },
		{ CURLUPART_QUERY, "a query ('?')" },
		{ CURLUPART_FRAGMENT, "a fragment" },
	};
	enum etsi_err ret = ETSI_OK;
	char *part = NULL;
	size_t i, len;
	CURLU *u;

	if (strncasecmp(value, "https://", 8))
		return conf_err(p, "URL must start with https://: the KME is reached over HTTPS only");
	u = curl_url();
	if (!u)
		return conf_err(p, "out of memory");
	if (curl_url_set(u, CURLUPART_URL, value, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &part, 0) != CURLUE_OK || !*part) {
		ret = conf_err(p, "invalid URL: expected https://HOST[:PORT][/PATH]");
		goto out;
	}
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		curl_free(part);
		part = NULL;
		if (curl_url_get(u, refused[i].part, &part, 0) == CURLUE_OK) {
			ret = conf_err(p, "URL must not hold %s: expected https://HOST[:PORT][/PATH]",
				       refused[i].what);
			goto out;
		}
	}
	len = strlen(value);
	while (len > 8 && value[len - 1] == '/')
		len--;
	snprintf(p->conf->url, sizeof(p->conf->url), "%.*s", (int)len, value);
	memcpy(p->conf->url, "https", 5);	/* the scheme in lower case */
out:
	curl_free(part);
	curl_url_cleanup(u);
	return ret;
}

/* @value relative to the directory of the KMECONF, into @out. */
static enum etsi_err conf_path(struct conf_parser *p, const char *name,
			       const char *value, char out[PATH_MAX])
{
	const char *slash = strrchr(p->path, '/');
	int n;

	if (value[0] == '/' || !slash)
		n = snprintf(out, PATH_MAX, "%s", value);
	else
		n = snprintf(out, PATH_MAX, "%.*s/%s", (int)(slash - p->path), p->path, value);
	if (n < 0 || n >= PATH_MAX)
		return conf_err(p, "%s path is too long", name);
	return ETSI_OK;
}

/* That the file of @name can be read; a private key by its owner only. */
static enum etsi_err conf_file(struct conf_parser *p, const char *name, const char *path,
			       bool private)
{
	enum etsi_err ret = ETSI_OK;
	struct stat st;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return conf_err(p, "cannot open %s \"%s\": %s", name, path, strerror(errno));
	if (fstat(fd, &st))
		ret = conf_err(p, "cannot stat %s \"%s\": %s", name, path, strerror(errno));
	else if (!S_ISREG(st.st_mode))
		ret = conf_err(p, "%s \"%s\" is not a regular file", name, path);
	else if (private && (st.st_mode & (S_IRWXG | S_IRWXO)))
		ret = conf_err(p, "%s \"%s\" can be read or changed by group or others (mode %04o): chmod 600 it",
			       name, path, (unsigned int)(st.st_mode & 07777));
	close(fd);
	return ret;
}

static enum etsi_err conf_timeout(struct conf_parser *p, const char *value)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(value, &end, 10);
	if (!isdigit((unsigned char)value[0]) || *end || errno ||
	    v < ETSI_TIMEOUT_MIN || v > ETSI_TIMEOUT_MAX)
		return conf_err(p, "invalid Timeout \"%s\": expected seconds from %d to %d",
				value, ETSI_TIMEOUT_MIN, ETSI_TIMEOUT_MAX);
	p->conf->timeout = (unsigned int)v;
	return ETSI_OK;
}

static int conf_key_value(void *ctx, struct ini_span key, struct ini_span value,
			  unsigned int line)
{
	struct conf_parser *p = ctx;
	char v[INI_LINE_MAX + 1];
	enum conf_key k;

	for (k = 0; k < KEY_COUNT; k++)
		if (ini_is_word(key, key_names[k]))
			break;
	if (k == KEY_COUNT)
		return conf_err(p, "unknown key \"%.*s\" in [KME]: expected URL, Certificate, PrivateKey, CA or Timeout",
				(int)(key.n > 64 ? 64 : key.n), key.s);
	if (p->key_line[k])
		return conf_err(p, "%s given twice (line %u)", key_names[k], p->key_line[k]);
	if (!value.n)
		return conf_err(p, "%s has no value", key_names[k]);
	snprintf(v, sizeof(v), "%.*s", (int)value.n, value.s);
	if (strlen(v) != value.n)
		return conf_err(p, "%s holds a NUL character", key_names[k]);
	p->key_line[k] = line;
	switch (k) {
	case KEY_URL:
		return conf_url(p, v);
	case KEY_CERT:
		return conf_path(p, "Certificate", v, p->conf->cert) ?:
		       conf_file(p, "Certificate", p->conf->cert, false);
	case KEY_PRIVATE_KEY:
		return conf_path(p, "PrivateKey", v, p->conf->key) ?:
		       conf_file(p, "PrivateKey", p->conf->key, true);
	case KEY_CA:
		return conf_path(p, "CA", v, p->conf->ca) ?:
		       conf_file(p, "CA", p->conf->ca, false);
	case KEY_TIMEOUT:
	default:
		return conf_timeout(p, v);
	}
}

static int conf_section(void *ctx, struct ini_span name, unsigned int line)
{
	struct conf_parser *p = ctx;

	if (!ini_is_word(name, "kme"))
		return conf_err(p, "unknown section: expected [KME]");
	if (!p->kme_line)
		p->kme_line = line;
	return ETSI_OK;
}

static const struct ini_ops conf_ops = {
	.section = conf_section,
	.key_value = conf_key_value,
};

enum etsi_err etsi_config_load(const char *path, struct etsi_config *conf,
			       char *err, size_t errlen)
{
	struct conf_parser p = {
		.path = path, .conf = conf, .err = err, .errlen = errlen,
	};
	enum etsi_err ret = ETSI_OK;
	enum conf_key k;
	size_t len;
	char *text;

	memset(conf, 0, sizeof(*conf));
	conf->timeout = ETSI_TIMEOUT_DEFAULT;
	text = ini_read_file(path, CONF_MAX, &len);
	if (!text) {
		if (errno == E2BIG)
			return etsi_set_err(err, errlen, ETSI_E_LOCAL,
					    "KME configuration file \"%s\" is too long: at most %d bytes",
					    path, CONF_MAX);
		return etsi_set_err(err, errlen, ETSI_E_LOCAL,
				    "cannot open KME configuration file \"%s\": %s",
				    path, strerror(errno));
	}
	switch (ini_parse(text, len, &conf_ops, &p, &p.line)) {
	case INI_OK:
		break;
	case INI_CALLBACK:	/* described by the callback */
		ret = ETSI_E_LOCAL;
		break;
	case INI_LINE_TOO_LONG:
		ret = conf_err(&p, "line longer than %d characters", INI_LINE_MAX);
		break;
	case INI_BAD_HEADER:
		ret = conf_err(&p, "malformed section header: expected [KME]");
		break;
	case INI_NO_EQUALS:
		ret = conf_err(&p, "no '=' in the line: expected KEY = VALUE or a section header");
		break;
	case INI_OUTSIDE_SECTION:
		ret = conf_err(&p, "KEY = VALUE outside a section: start with [KME]");
		break;
	}
	free(text);
	if (ret)
		return ret;
	if (!p.kme_line) {
		p.line = 1;
		return conf_err(&p, "no [KME] section: expected [KME] with URL, Certificate, PrivateKey and CA");
	}
	p.line = p.kme_line;
	for (k = 0; k < KEY_TIMEOUT; k++)
		if (!p.key_line[k])
			return conf_err(&p, "[KME] has no %s: URL, Certificate, PrivateKey and CA are required",
					key_names[k]);
	return ETSI_OK;
}

bool etsi_sae_id_valid(const char *id)
{
	size_t i;

	if (!id[0] || id[0] == '.')
		return false;
	for (i = 0; id[i]; i++) {
		if (i >= ETSI_ID_MAX)
			return false;
		if (!isalnum((unsigned char)id[i]) && !strchr("-_.~", id[i]))
			return false;
	}
	return true;
}
