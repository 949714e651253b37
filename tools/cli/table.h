/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Aligned text tables, as "kpsec show" prints them: a header row, two
 * spaces between columns, numbers right-aligned, the last column not
 * padded.
 */
#ifndef KPSEC_CLI_TABLE_H
#define KPSEC_CLI_TABLE_H

#include <stddef.h>
#include <stdint.h>

struct table {
	const char *const *headers;
	size_t n_cols;
	uint32_t right;		/* bit c: column c is right-aligned */
	char **cells;		/* row-major */
	size_t n_cells, room;
};

/* A table of @n_cols (at most 32) columns named @headers. */
void table_init(struct table *t, const char *const *headers, size_t n_cols,
		uint32_t right);

/* Append the next cell, filling rows left to right. */
void table_cell(struct table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print the header and the rows, each line starting with @indent. */
void table_print(const struct table *t, const char *indent);

void table_free(struct table *t);

#endif /* KPSEC_CLI_TABLE_H */
