// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "util.h"

void table_init(struct table *t, const char *const *headers, size_t n_cols,
		uint32_t right)
{
	memset(t, 0, sizeof(*t));
	t->headers = headers;
	t->n_cols = n_cols;
	t->right = right;
}

void table_cell(struct table *t, const char *fmt, ...)
{
	va_list ap;
	char *cell;

	va_start(ap, fmt);
	if (vasprintf(&cell, fmt, ap) < 0) {
		report("out of memory");
		exit(EXIT_FAILURE);
	}
	va_end(ap);
	if (t->n_cells == t->room) {
		t->room = t->room ? 2 * t->room : 64;
		t->cells = xreallocarray(t->cells, t->room, sizeof(*t->cells));
	}
	t->cells[t->n_cells++] = cell;
}

static void print_line(const struct table *t, const char *indent,
		       const size_t *widths, const char *const *cells)
{
	size_t col;

	fputs(indent, stdout);
	for (col = 0; col < t->n_cols; col++) {
		bool last = col + 1 == t->n_cols;

		if (t->right & (1U << col))
			printf("%*s", (int)widths[col], cells[col]);
		else if (last)
			fputs(cells[col], stdout);
		else
			printf("%-*s", (int)widths[col], cells[col]);
		fputs(last ? "\n" : "  ", stdout);
	}
}

void table_print(const struct table *t, const char *indent)
{
	size_t *widths = xcalloc(t->n_cols, sizeof(*widths));
	size_t i, rows = t->n_cells / t->n_cols;

	for (i = 0; i < t->n_cols; i++)
		widths[i] = strlen(t->headers[i]);
	for (i = 0; i < rows * t->n_cols; i++)
		if (strlen(t->cells[i]) > widths[i % t->n_cols])
			widths[i % t->n_cols] = strlen(t->cells[i]);
	print_line(t, indent, widths, t->headers);
	for (i = 0; i < rows; i++)
		print_line(t, indent, widths, (const char *const *)&t->cells[i * t->n_cols]);
	free(widths);
}

void table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->n_cells; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}
