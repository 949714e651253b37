// SPDX-License-Identifier: GPL-2.0
/*
 * kpsec-kme pki: a test PKI for KMEs and SAEs.  A CA and, per NAME, an
 * EC P-256 key and a certificate with CN=NAME that serves both as TLS
 * server certificate (the KME's) and client certificate (the SAE's: its
 * CN is the SAE ID).  Made with OpenSSL's X509 and EVP APIs, since the
 * QEMU guest has no openssl command.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "kme.h"

#define CERT_DAYS 3650
#define BACKDATE_SECONDS (24 * 60 * 60)

struct pki_name {
	const char *name;
	char ip[INET6_ADDRSTRLEN];	/* normalised, or "" */
};

static const char *ssl_reason(void)
{
	unsigned long e = ERR_peek_last_error();
	const char *reason = e ? ERR_reason_error_string(e) : NULL;

	ERR_clear_error();
	return reason ? reason : "unknown error";
}

/* NAME becomes a file name and a CN: keep it plain. */
static bool name_valid(const char *name)
{
	size_t len = strlen(name);

	return len && len <= KME_ID_MAX &&
	       strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			    "0123456789._-") == len &&
	       strchr("._-", name[0]) == NULL && strcmp(name, "ca");
}

/* "NAME[=IP]" into @out; false after a report. */
static bool parse_name(char *arg, struct pki_name *out)
{
	char *eq = strchr(arg, '=');
	unsigned char addr[sizeof(struct in6_addr)];
	int family = AF_INET;

	out->ip[0] = '\0';
	if (eq) {
		*eq = '\0';
		if (inet_pton(AF_INET, eq + 1, addr) != 1) {
			family = AF_INET6;
			if (inet_pton(AF_INET6, eq + 1, addr) != 1) {
				report("pki: \"%s\" is not an IPv4 or IPv6 address", eq + 1);
				return false;
			}
		}
		if (!inet_ntop(family, addr, out->ip, sizeof(out->ip))) {
			report("pki: \"%s\": %s", eq + 1, strerror(errno));
			return false;
		}
	}
	if (!name_valid(arg)) {
		report("pki: bad name \"%s\": 1 to %d letters, digits, '.', '_' or '-', "
		       "starting with a letter or digit, and not \"ca\"", arg, KME_ID_MAX);
		return false;
	}
	out->name = arg;
	return true;
}

/* Write @cert or @key as PEM to DIR/NAME.EXT with @mode, replacing it whole. */
static int write_pem(const char *dir, const char *name, const char *ext,
		     mode_t mode, X509 *cert, EVP_PKEY *key)
{
	char *path = NULL, *tmp = NULL, *data;
	BIO *mem = BIO_new(BIO_s_mem());
	int fd = -1, ret = -1;
	long len;

	if (!mem || asprintf(&path, "%s/%s.%s", dir, name, ext) < 0 ||
	    asprintf(&tmp, "%s/.%s.%s.tmp", dir, name, ext) < 0) {
		report("out of memory");
		goto out;
	}
	/* A memory BIO: OpenSSL zeroises its buffer when freed. */
	if (!(cert ? PEM_write_bio_X509(mem, cert) :
	      PEM_write_bio_PrivateKey(mem, key, NULL, NULL, 0, NULL, NULL))) {
		report("cannot encode %s: %s", path, ssl_reason());
		goto out;
	}
	len = BIO_get_mem_data(mem, &data);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0 || fchmod(fd, mode) || write(fd, data, (size_t)len) != len ||
	    fsync(fd)) {
		report("cannot write \"%s\": %s", tmp, errno ? strerror(errno) : "short write");
		goto out;
	}
	if (close(fd)) {
		fd = -1;
		report("cannot write \"%s\": %s", tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, path)) {
		report("cannot rename \"%s\" to \"%s\": %s", tmp, path, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	if (ret && tmp)
		unlink(tmp);
	BIO_free(mem);
	free(path);
	free(tmp);
	return ret;
}

static int add_ext(X509 *cert, X509V3_CTX *ctx, int nid, const char *value)
{
	X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, ctx, nid, value);

	if (!ext || !X509_add_ext(cert, ext, -1)) {
		X509_EXTENSION_free(ext);
		return -1;
	}
	X509_EXTENSION_free(ext);
	return 0;
}

/*
 * A certificate for @key with CN=@cn, signed by @issuer_key (@issuer;
 * NULL: self-signed), valid from a day ago for CERT_DAYS days.
 * @san: the subjectAltName, or NULL for a CA.
 */
static X509 *make_cert(EVP_PKEY *key, const char *cn, X509 *issuer,
		       EVP_PKEY *issuer_key, const char *san)
{
	X509 *cert = X509_new();
	BIGNUM *serial = BN_new();
	X509_NAME *subject = X509_NAME_new();
	X509V3_CTX ctx;
	int ok;

	/* 127 random bits: unique, and positive as DER wants. */
	ok = cert && serial && subject &&
	     X509_set_version(cert, X509_VERSION_3) &&
	     BN_rand(serial, 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) &&
	     BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert)) &&
	     X509_gmtime_adj(X509_getm_notBefore(cert), -BACKDATE_SECONDS) &&
	     X509_time_adj_ex(X509_getm_notAfter(cert), CERT_DAYS, 0, NULL) &&
	     X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
					(const unsigned char *)cn, -1, -1, 0) &&
	     X509_set_subject_name(cert, subject) &&
	     X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer) :
				  subject) &&
	     X509_set_pubkey(cert, key);
	if (ok) {
		X509V3_set_ctx(&ctx, issuer ? issuer : cert, cert, NULL, NULL, 0);
		if (san)
			ok = !add_ext(cert, &ctx, NID_basic_constraints, "critical,CA:FALSE") &&
			     !add_ext(cert, &ctx, NID_key_usage, "critical,digitalSignature") &&
			     !add_ext(cert, &ctx, NID_ext_key_usage, "serverAuth,clientAuth") &&
			     !add_ext(cert, &ctx, NID_subject_key_identifier, "hash") &&
			     !add_ext(cert, &ctx, NID_authority_key_identifier, "keyid") &&
			     !add_ext(cert, &ctx, NID_subject_alt_name, san);
		else
			/* The key identifier first: the self-signed AKI copies it. */
			ok = !add_ext(cert, &ctx, NID_basic_constraints, "critical,CA:TRUE") &&
			     !add_ext(cert, &ctx, NID_key_usage, "critical,keyCertSign,cRLSign") &&
			     !add_ext(cert, &ctx, NID_subject_key_identifier, "hash") &&
			     !add_ext(cert, &ctx, NID_authority_key_identifier, "keyid:always");
	}
	ok = ok && X509_sign(cert, issuer_key ? issuer_key : key, EVP_sha256()) > 0;
	BN_free(serial);
	X509_NAME_free(subject);
	if (!ok) {
		report("cannot make the certificate of %s: %s", cn, ssl_reason());
		X509_free(cert);
		return NULL;
	}
	return cert;
}

static EVP_PKEY *new_key(const char *whose)
{
	EVP_PKEY *key = EVP_EC_gen("P-256");

	if (!key)
		report("cannot make a key for %s: %s", whose, ssl_reason());
	return key;
}

/* Reuse DIR/ca.key and DIR/ca.crt, or make them; 0 or -1 (reported). */
static int load_or_make_ca(const char *dir, X509 **ca, EVP_PKEY **ca_key)
{
	char *key_path = NULL, *cert_path = NULL, cn[64];
	unsigned char tag[4];
	BIO *in = NULL;
	int ret = -1;

	if (asprintf(&key_path, "%s/ca.key", dir) < 0 ||
	    asprintf(&cert_path, "%s/ca.crt", dir) < 0) {
		report("out of memory");
		key_path = cert_path = NULL;
		goto out;
	}
	if (access(key_path, F_OK)) {
		if (errno != ENOENT) {
			report("cannot read \"%s\": %s", key_path, strerror(errno));
			goto out;
		}
		/* Distinct names, so two test CAs are told apart in errors. */
		if (RAND_bytes(tag, sizeof(tag)) != 1) {
			report("no random numbers: %s", ssl_reason());
			goto out;
		}
		snprintf(cn, sizeof(cn), "kpsec-kme test CA %02x%02x%02x%02x",
			 tag[0], tag[1], tag[2], tag[3]);
		*ca_key = new_key("the CA");
		*ca = *ca_key ? make_cert(*ca_key, cn, NULL, NULL, NULL) : NULL;
		if (*ca && !write_pem(dir, "ca", "key", 0600, NULL, *ca_key) &&
		    !write_pem(dir, "ca", "crt", 0644, *ca, NULL))
			ret = 0;
		goto out;
	}

	in = BIO_new_file(key_path, "r");
	*ca_key = in ? PEM_read_bio_PrivateKey(in, NULL, NULL, NULL) : NULL;
	if (!*ca_key) {
		report("cannot load CA key \"%s\": %s", key_path,
		       in ? ssl_reason() : strerror(errno));
		goto out;
	}
	BIO_free(in);
	in = BIO_new_file(cert_path, "r");
	*ca = in ? PEM_read_bio_X509(in, NULL, NULL, NULL) : NULL;
	if (!*ca) {
		report("cannot load CA certificate \"%s\": %s", cert_path,
		       in ? ssl_reason() : strerror(errno));
		goto out;
	}
	if (X509_check_private_key(*ca, *ca_key) != 1) {
		ERR_clear_error();
		report("\"%s\" is not the key of \"%s\"", key_path, cert_path);
		goto out;
	}
	ret = 0;
out:
	BIO_free(in);
	free(key_path);
	free(cert_path);
	return ret;
}

static int issue(const char *dir, const struct pki_name *n, X509 *ca,
		 EVP_PKEY *ca_key)
{
	char san[KME_ID_MAX + INET6_ADDRSTRLEN + 16];
	EVP_PKEY *key = new_key(n->name);
	X509 *cert = NULL;
	int ret = -1;

	snprintf(san, sizeof(san), "DNS:%s%s%s", n->name,
		 n->ip[0] ? ",IP:" : "", n->ip);
	if (key)
		cert = make_cert(key, n->name, ca, ca_key, san);
	if (cert && !write_pem(dir, n->name, "key", 0600, NULL, key) &&
	    !write_pem(dir, n->name, "crt", 0644, cert, NULL))
		ret = 0;
	X509_free(cert);
	EVP_PKEY_free(key);
	return ret;
}

int cmd_pki(int argc, char **argv)
{
	struct pki_name *names;
	EVP_PKEY *ca_key = NULL;
	const char *dir;
	X509 *ca = NULL;
	struct stat st;
	int i, ret = EXIT_RUNTIME;

	if (argc >= 2 && (!strcmp(argv[1], "help") || !strcmp(argv[1], "-h") ||
			  !strcmp(argv[1], "--help"))) {
		puts("Usage: kpsec-kme pki DIR NAME[=IP]...\n"
		     "Make a test CA in DIR, or reuse DIR/ca.key and DIR/ca.crt, and for each\n"
		     "NAME DIR/NAME.crt and DIR/NAME.key: CN=NAME, subjectAltName DNS:NAME\n"
		     "(and IP:IP), for TLS servers and clients.  See kpsec-kme(8).");
		return 0;
	}
	if (argc < 2) {
		report("pki needs a directory: kpsec-kme pki DIR NAME[=IP]...");
		return EXIT_USAGE;
	}
	dir = argv[1];
	names = calloc((size_t)argc, sizeof(*names));
	if (!names) {
		report("out of memory");
		return EXIT_RUNTIME;
	}
	for (i = 2; i < argc; i++) {
		if (!parse_name(argv[i], &names[i - 2])) {
			free(names);
			return EXIT_USAGE;
		}
	}

	if (mkdir(dir, 0700) && errno != EEXIST) {
		report("cannot make directory \"%s\": %s", dir, strerror(errno));
		goto out;
	}
	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		report("\"%s\" is not a directory", dir);
		goto out;
	}
	if (load_or_make_ca(dir, &ca, &ca_key))
		goto out;
	for (i = 0; i < argc - 2; i++)
		if (issue(dir, &names[i], ca, ca_key))
			goto out;
	ret = 0;
out:
	X509_free(ca);
	EVP_PKEY_free(ca_key);
	free(names);
	return ret;
}
