/* Paired-sample statistics for outcome evaluation: mean change with a paired-t
 * interval, median, Wilcoxon signed-rank test and standardised effect, plus
 * the special functions they need (regularised incomplete beta, Student t).
 * Formulas and references: docs/EVALUATION.md. */
#ifndef WAYMARK_CORE_STATS_H
#define WAYMARK_CORE_STATS_H
#include <stddef.h>
#include <stdint.h>

/* Largest number of non-zero differences for which the Wilcoxon p-value comes
 * from the exact null distribution (when no two |differences| tie). */
#define STATS_WILCOXON_EXACT_MAX 25

/* Limits that keep the exact integer sums of stats_paired inside 128 bits. */
#define STATS_VALUE_MAX 1000000000LL
#define STATS_N_MAX 1000000000ULL

/* The regularised incomplete beta function I_x(a, b), a, b > 0, 0 <= x <= 1;
 * NaN outside. Continued fraction (Lentz), relative error about 1e-15. */
double stats_betainc(double a, double b, double x);

/* P(T > t) for Student's t with df > 0 degrees of freedom. */
double stats_t_sf(double t, double df);

/* The p-quantile of Student's t with df > 0 degrees of freedom, 0 < p < 1:
 * the t with P(T <= t) = p, to about 1e-14 relative. NaN outside. */
double stats_t_quantile(double p, double df);

/* P(Z > z) for the standard normal. */
double stats_norm_sf(double z);

/* Which test gave wilcoxon_p. */
enum stats_wilcoxon_method {
	STATS_WILCOXON_NONE,   /* no non-zero differences: no test */
	STATS_WILCOXON_EXACT,  /* exact null distribution */
	STATS_WILCOXON_NORMAL, /* normal approximation with tie correction, no continuity correction */
};

/*
 * The figures for n pairs. Values that cannot be computed (a mean of no
 * pairs, an SD of one, an effect size with no spread, a test with no
 * non-zero difference) are NaN: callers render them as null.
 */
struct stats_paired {
	size_t n;
	double baseline_mean, baseline_sd;
	double followup_mean, followup_sd;
	double mean_change, sd_change;
	double ci95_low, ci95_high;  /* paired t: mean_change -/+ t(0.975, n-1) * sd_change / sqrt(n) */
	double median_change;
	double wilcoxon_w;           /* min(R+, R-) over the non-zero differences (zeros dropped: "wilcox") */
	double wilcoxon_p;           /* two-sided */
	double wilcoxon_z;           /* the normal approximation's z; NaN when exact */
	size_t wilcoxon_n;           /* non-zero differences ranked */
	enum stats_wilcoxon_method wilcoxon_method;
	double effect_size;          /* mean_change / sd_change */
};

/*
 * Computes the figures of n pairs of scores given in hundredths of a point
 * (every instrument score is kept so; the change of pair i is
 * followup_x100[i] - baseline_x100[i]). Working in whole hundredths makes
 * ties in the Wilcoxon ranks exact. scratch must hold stats_scratch_bytes(n)
 * bytes (two arrays of n int64); nothing is allocated. Returns 0, or -1 when
 * a score is outside +-STATS_VALUE_MAX or n is over STATS_N_MAX.
 */
size_t stats_scratch_bytes(size_t n);
int stats_paired(const int64_t *baseline_x100, const int64_t *followup_x100, size_t n, void *scratch,
		 struct stats_paired *out);

/*
 * The two-sided exact p-value of the Wilcoxon signed-rank test for n
 * (1..STATS_WILCOXON_EXACT_MAX) untied non-zero differences whose positive
 * ranks sum to r_plus: 2 * min(P(R+ <= r_plus), P(R+ >= r_plus)), at most 1,
 * and exactly 1 at the centre of the distribution. NaN for n out of range.
 */
double stats_wilcoxon_exact_p(size_t n, int64_t r_plus);
#endif
