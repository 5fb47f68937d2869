/* Paired-sample statistics (paired t interval, Wilcoxon signed-rank, effect size) and the special functions behind them. */
#include "core/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define STATS_CF_EPS 1e-16
#define STATS_CF_TINY 1e-300
#define STATS_CF_MAXIT 10000

/* v, or the tiny number that stands for it when it is all but zero (Lentz's method). */
static double stats_cf_nonzero(double v)
{
	return fabs(v) < STATS_CF_TINY ? STATS_CF_TINY : v;
}

/* One step of the modified Lentz method with coefficient aa: updates c and d, returns the factor of the fraction. */
static double stats_cf_step(double aa, double *c, double *d)
{
	*d = 1.0 / stats_cf_nonzero(1.0 + aa * *d);
	*c = stats_cf_nonzero(1.0 + aa / *c);
	return *d * *c;
}

/* The continued fraction of the incomplete beta (Numerical Recipes 6.4, modified Lentz). */
static double stats_betacf(double a, double b, double x)
{
	double qab = a + b, qap = a + 1.0, qam = a - 1.0;
	double c = 1.0, d = 1.0 / stats_cf_nonzero(1.0 - qab * x / qap);
	double h = d;
	for (int m = 1; m <= STATS_CF_MAXIT; m++) {
		double m2 = 2.0 * m;
		h *= stats_cf_step(m * (b - m) * x / ((qam + m2) * (a + m2)), &c, &d);
		double del = stats_cf_step(-(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)), &c, &d);
		h *= del;
		if (fabs(del - 1.0) <= STATS_CF_EPS)
			break;
	}
	return h;
}

double stats_betainc(double a, double b, double x)
{
	if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1))
		return NAN;
	if (x == 0)
		return 0.0;
	if (x == 1)
		return 1.0;
	double lbt = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x);
	double bt = exp(lbt);
	if (x < (a + 1.0) / (a + b + 2.0))
		return bt * stats_betacf(a, b, x) / a;
	return 1.0 - bt * stats_betacf(b, a, 1.0 - x) / b;
}

double stats_t_sf(double t, double df)
{
	if (!(df > 0) || isnan(t))
		return NAN;
	if (isinf(t))
		return t > 0 ? 0.0 : 1.0;
	double t2 = t * t;
	/* 0.5 * I_x(df/2, 1/2), x = df / (df + t^2): the probability beyond |t|. */
	double tail = 0.5 * stats_betainc(0.5 * df, 0.5, df / (df + t2));
	return t > 0 ? tail : 1.0 - tail;
}

/* The density of Student's t. */
static double stats_t_pdf(double t, double df)
{
	double l = lgamma(0.5 * (df + 1.0)) - lgamma(0.5 * df) - 0.5 * log(df * M_PI) -
		   0.5 * (df + 1.0) * log1p(t * t / df);
	return exp(l);
}

double stats_t_quantile(double p, double df)
{
	if (!(df > 0) || !(p > 0) || !(p < 1))
		return NAN;
	if (p == 0.5)
		return 0.0;
	if (p < 0.5)
		return -stats_t_quantile(1.0 - p, df);
	double q = 1.0 - p; /* the upper tail wanted, 0 < q < 0.5 */
	/* Bracket the root of sf(t) = q, then Newton steps kept inside the bracket. */
	double lo = 0.0, hi = 1.0;
	while (stats_t_sf(hi, df) > q && hi < 1e300) {
		lo = hi;
		hi *= 2.0;
	}
	double t = 0.5 * (lo + hi);
	for (int i = 0; i < 400; i++) {
		double f = stats_t_sf(t, df) - q; /* decreasing in t */
		if (f == 0)
			return t;
		if (f > 0)
			lo = t;
		else
			hi = t;
		double pdf = stats_t_pdf(t, df);
		double next = pdf > 0 ? t + f / pdf : 0.5 * (lo + hi);
		if (!(next > lo && next < hi))
			next = 0.5 * (lo + hi);
		if (fabs(next - t) <= 1e-15 * fabs(t) || hi - lo <= 1e-15 * hi)
			return next;
		t = next;
	}
	return t;
}

double stats_norm_sf(double z)
{
	return 0.5 * erfc(z / M_SQRT2);
}

size_t stats_scratch_bytes(size_t n)
{
	return 2 * (n ? n : 1) * sizeof(int64_t);
}

static int stats_cmp_value(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int stats_cmp_abs(const void *a, const void *b)
{
	int64_t x = llabs(*(const int64_t *)a), y = llabs(*(const int64_t *)b);
	return (x > y) - (x < y);
}

/* Mean and sample SD (n - 1) of values in hundredths, from exact integer sums. */
static void stats_mean_sd(__int128 sum, __int128 sumsq, size_t n, double *mean, double *sd)
{
	*mean = n ? (double)sum / (double)n / 100.0 : NAN;
	if (n < 2) {
		*sd = NAN;
		return;
	}
	/* n * sum(x^2) - (sum x)^2 = n * sum((x - mean)^2) * n, exact in 128 bits. */
	__int128 num = (__int128)n * sumsq - sum * sum;
	double var = (double)num / ((double)n * (double)(n - 1)) / 10000.0;
	*sd = sqrt(var);
}

double stats_wilcoxon_exact_p(size_t n, int64_t r_plus)
{
	if (n < 1 || n > STATS_WILCOXON_EXACT_MAX)
		return NAN;
	/* counts[s]: how many of the 2^n sign patterns give R+ = s. */
	enum { SMAX = STATS_WILCOXON_EXACT_MAX * (STATS_WILCOXON_EXACT_MAX + 1) / 2 };
	double counts[SMAX + 1];
	memset(counts, 0, sizeof counts);
	counts[0] = 1;
	int64_t top = 0;
	for (size_t k = 1; k <= n; k++) {
		top += (int64_t)k;
		for (int64_t s = top; s >= (int64_t)k; s--)
			counts[s] += counts[s - (int64_t)k];
	}
	if (r_plus < 0 || r_plus > top)
		return NAN;
	if (r_plus == top / 2)
		return 1.0; /* the centre of the distribution */
	double total = ldexp(1.0, (int)n), less = 0, greater = 0;
	for (int64_t s = 0; s <= r_plus; s++)
		less += counts[s];
	for (int64_t s = r_plus; s <= top; s++)
		greater += counts[s];
	double p = 2.0 * (less < greater ? less : greater) / total;
	return p > 1.0 ? 1.0 : p;
}

/* Ranks the non-zero differences (midranks for ties) and runs the test. */
static void stats_wilcoxon(int64_t *d, size_t n, struct stats_paired *out)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (d[i] != 0)
			d[m++] = d[i];
	out->wilcoxon_n = m;
	out->wilcoxon_z = NAN;
	if (m == 0) {
		out->wilcoxon_method = STATS_WILCOXON_NONE;
		out->wilcoxon_w = NAN;
		out->wilcoxon_p = NAN;
		return;
	}
	qsort(d, m, sizeof d[0], stats_cmp_abs);
	int64_t plus2 = 0;   /* twice R+, so midranks stay whole */
	double tiesum = 0;   /* sum of t^3 - t over groups of tied |d| */
	int tied = 0;
	for (size_t i = 0; i < m;) {
		size_t j = i;
		while (j + 1 < m && llabs(d[j + 1]) == llabs(d[i]))
			j++;
		int64_t rank2 = (int64_t)(i + 1 + j + 1); /* twice the midrank of positions i..j */
		for (size_t k = i; k <= j; k++)
			if (d[k] > 0)
				plus2 += rank2;
		double t = (double)(j - i + 1);
		if (j > i) {
			tied = 1;
			tiesum += t * (t * t - 1.0);
		}
		i = j + 1;
	}
	int64_t total2 = (int64_t)(m * (m + 1));
	int64_t minus2 = total2 - plus2;
	out->wilcoxon_w = 0.5 * (double)(plus2 < minus2 ? plus2 : minus2);
	if (m <= STATS_WILCOXON_EXACT_MAX && !tied) {
		out->wilcoxon_method = STATS_WILCOXON_EXACT;
		out->wilcoxon_p = stats_wilcoxon_exact_p(m, plus2 / 2);
		return;
	}
	out->wilcoxon_method = STATS_WILCOXON_NORMAL;
	double dm = (double)m;
	double mean = dm * (dm + 1.0) * 0.25;
	double se = sqrt((dm * (dm + 1.0) * (2.0 * dm + 1.0) - 0.5 * tiesum) / 24.0);
	double z = (out->wilcoxon_w - mean) / se;
	out->wilcoxon_z = z;
	out->wilcoxon_p = 2.0 * stats_norm_sf(fabs(z));
	if (out->wilcoxon_p > 1.0)
		out->wilcoxon_p = 1.0;
}

int stats_paired(const int64_t *baseline_x100, const int64_t *followup_x100, size_t n, void *scratch,
		 struct stats_paired *out)
{
	memset(out, 0, sizeof *out);
	if ((unsigned long long)n > STATS_N_MAX)
		return -1;
	__int128 sb = 0, sbb = 0, sf = 0, sff = 0, sd = 0, sdd = 0;
	int64_t *d = scratch, *sorted = (int64_t *)scratch + (n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		int64_t b = baseline_x100[i], f = followup_x100[i];
		if (b > STATS_VALUE_MAX || b < -STATS_VALUE_MAX || f > STATS_VALUE_MAX || f < -STATS_VALUE_MAX)
			return -1;
		int64_t c = f - b;
		sb += b;
		sbb += (__int128)b * b;
		sf += f;
		sff += (__int128)f * f;
		sd += c;
		sdd += (__int128)c * c;
		d[i] = c;
		sorted[i] = c;
	}
	out->n = n;
	stats_mean_sd(sb, sbb, n, &out->baseline_mean, &out->baseline_sd);
	stats_mean_sd(sf, sff, n, &out->followup_mean, &out->followup_sd);
	stats_mean_sd(sd, sdd, n, &out->mean_change, &out->sd_change);
	out->ci95_low = out->ci95_high = out->effect_size = NAN;
	if (n >= 2) {
		double half = stats_t_quantile(0.975, (double)(n - 1)) * out->sd_change / sqrt((double)n);
		out->ci95_low = out->mean_change - half;
		out->ci95_high = out->mean_change + half;
		if (out->sd_change > 0)
			out->effect_size = out->mean_change / out->sd_change;
	}
	if (n == 0) {
		out->median_change = NAN;
	} else {
		qsort(sorted, n, sizeof sorted[0], stats_cmp_value);
		out->median_change = n % 2 ? (double)sorted[n / 2] / 100.0
					   : ((double)sorted[n / 2 - 1] + (double)sorted[n / 2]) / 200.0;
	}
	stats_wilcoxon(d, n, out);
	return 0;
}
