// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include "analysis.h"

/* Names go into single-quoted gnuplot strings: refuse what would end them. */
static bool plain(const char *s)
{
	return !strpbrk(s, "'\n\r\\");
}

int plan_plot(const char *png, const char *title, const char *ylabel,
	      const char *const *cols, unsigned int ncols, const double *cells,
	      unsigned int stride, unsigned int nrows, u32 ymask, char *err)
{
	bool first = true;
	unsigned int r, c;
	FILE *g;
	int st;

	if (!plain(png) || !plain(title) || !plain(ylabel))
		return plan_err(err, "--plot: '%s' contains a quote, backslash or newline", png);
	if (ncols < 2 || !nrows || !(ymask & ~1u))
		return plan_err(err, "--plot: nothing to plot");
	/* Data inline ($d), so no temporary file is left behind. */
	g = popen("gnuplot", "w");
	if (!g)
		return plan_err(err, "--plot: cannot run gnuplot: %s", strerror(errno));
	fprintf(g, "set terminal png size 900,600 noenhanced\nset output '%s'\n", png);
	fprintf(g, "set title '%s'\nset xlabel '%s'\nset ylabel '%s'\n", title, cols[0], ylabel);
	fputs("set key outside right\nset grid\nset datafile missing '?'\n$d << EOD\n", g);
	for (r = 0; r < nrows; r++) {
		for (c = 0; c < ncols; c++) {
			double v = cells[(size_t)r * stride + c];

			if (c)
				fputc(' ', g);
			if (isfinite(v))
				fprintf(g, "%.10g", v);
			else
				fputc('?', g);
		}
		fputc('\n', g);
	}
	fputs("EOD\nplot ", g);
	for (c = 1; c < ncols; c++) {
		if (!(ymask >> c & 1))
			continue;
		fprintf(g, "%s$d using 1:%u with linespoints title '%s'", first ? "" : ", ",
			c + 1, cols[c]);
		first = false;
	}
	fputc('\n', g);
	st = pclose(g);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st))
		return plan_err(err, "--plot: gnuplot failed writing %s", png);
	return 0;
}
