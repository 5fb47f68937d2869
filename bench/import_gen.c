/* Generates a CSV of believable referrals for `waymark import referrals`,
 * with a chosen share of rows that each have exactly one bad field, and
 * (optionally) the list of those rows' lines and fields, for the import test
 * and bench/import. Deterministic for a seed.
 *
 *   cc -O2 -o import_gen bench/import_gen.c
 *   import_gen ROWS [--bad PER_MILLE] [--dup PERCENT] [--seed N] [--expect FILE] > referrals.csv
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rng = 88172645463325252ull;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static unsigned pick(unsigned n)
{
	return (unsigned)(next() % n);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const given_names[] = {
	"Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Mia", "Jacob", "Emily", "Noah", "Grace",
	"Charlie", "Sophia", "Thomas", "Lily", "William", "Ella", "James", "Freya", "Margaret", "Dorothy", "Joan",
	"Brian", "Derek", "Sandra", "Patricia", "Kevin", "Siobhan", "Aleksander", "Priya", "Mohammed", "Zofia",
	"Chukwuemeka", "Aoife", "Renée", "José", "Bartholomew", "Anne-Marie", "Seán",
};
static const char *const family_names[] = {
	"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
	"Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Howlett",
	"Bugg", "Gotts", "Thrower", "Balls", "Nobbs", "Loades", "O'Brien", "Nowak", "Kowalski", "Patel", "Okafor",
	"Ahmed", "Fitzgerald-Hart", "de la Cruz", "Ní Bhriain",
};
static const char *const outcodes[] = {
	"IP18", "IP19", "IP20", "IP21", "IP22", "IP24", "IP25", "IP26", "IP27", "NR1",  "NR2",  "NR3",  "NR4",
	"NR5",  "NR6",  "NR7",  "NR8",  "NR9",  "NR10", "NR11", "NR12", "NR13", "NR14", "NR15", "NR16", "NR17",
	"NR18", "NR19", "NR20", "NR21", "NR22", "NR23", "NR24", "NR25", "NR26", "NR27", "NR28", "NR29", "NR30",
	"NR31", "NR32", "NR33", "NR34", "NR35", "PE13", "PE14", "PE30", "PE31", "PE32", "PE33", "PE34", "PE35",
	"PE36", "PE37", "PE38", "CB1",
};
static const char *const streets[] = {
	"High Street", "Church Lane", "Station Road", "The Green", "Mill Lane", "School Road", "London Road",
	"Norwich Road", "Back Lane", "Common Road", "King's Lynn Road", "Marsh Lane",
};
static const char *const towns[] = {
	"Norwich", "Thetford", "Swaffham", "Dereham", "Watton", "King's Lynn", "Hunstanton", "Downham Market",
	"Great Yarmouth", "Lowestoft", "Wymondham", "Attleborough", "Fakenham", "Cromer", "Diss",
};
static const char *const practices[] = {
	"SPBRK01", "SPBRK02", "Shipdham Surgery", "SPBRK04", "grove surgery", "SPCST01", "SPCST02", "SPFEN01",
	"SPKTO01", "SPKLN01", "SPKLN06", "SPMNF01", "Orchard Surgery", "SPSWF01", "SPSWF10",
};
static const char *const genders[] = { "1", "2", "2", "1", "9", "X" };
static const char *const ethnicities[] = { "A", "A", "A", "A", "B", "C", "D", "H", "J", "M", "N", "R", "S", "Z", "99" };
static const char *const disability[] = { "yes", "no", "no", "not_stated" };
static const char *const employment[] = { "employed", "retired", "retired", "unemployed_seeking", "student",
					  "long_term_sick_or_disabled", "carer", "not_stated" };
static const char *const housing[] = { "owner_occupier", "renting_private", "renting_social", "living_with_family",
				       "supported_housing", "not_stated" };
static const char *const yesno[] = { "yes", "no" };
static const char *const reasons[] = {
	"social_isolation", "loneliness", "low_mood", "debt", "housing", "benefits", "employment", "carer_support",
	"long_term_condition", "physical_activity", "healthy_eating", "shopping", "prescription_collection",
	"transport", "befriending", "practical_help", "frequent_attender",
};
static const char *const urgencies[] = { "routine", "routine", "routine", "soon", "urgent" };
static const char *const details[] = {
	"Lives alone since her husband died last year and rarely leaves the house.",
	"Struggling with bills after losing work; would like help with benefits.",
	"Frequent attender at the surgery, mostly for reassurance; low mood.",
	"Needs help with shopping and collecting prescriptions for the next two weeks.",
	"Going home after a fall; \"worried about managing the stairs\", daughter lives away.",
	"Carer for his wife, who has dementia, and is exhausted.",
	"",
};
/* source, referrer organisation, referrer role */
static const char *const sources[][3] = {
	{ "gp_practice", "Thetford Healthy Living Centre", "GP" },
	{ "gp_practice", "Watton Medical Practice", "Practice nurse" },
	{ "primary_care_other", "Breckland PCN", "Pharmacist" },
	{ "adult_social_care", "Norfolk County Council Adult Social Services", "Social worker" },
	{ "acute_hospital_discharge", "NNUH Discharge Team", "Discharge coordinator" },
	{ "community_bed_discharge", "Norwich Community Hospital", "Ward sister" },
	{ "vcse_partner", "Age UK Norfolk", "Advice worker" },
	{ "self", "", "" },
	{ "family_carer", "", "Daughter" },
	{ "other", "Norfolk Fire and Rescue Service", "Safe and well officer" },
};
static const char *const hospitals[] = { "Norfolk and Norwich University Hospital",
					 "Queen Elizabeth Hospital King's Lynn", "James Paget University Hospital",
					 "Norwich Community Hospital" };

static const char *const header =
	"person.given_name,person.family_name,person.date_of_birth,person.nhs_number,person.postcode,"
	"person.address,person.practice,person.phone,person.email,person.preferred_contact,person.gender,"
	"person.ethnicity,person.disability,person.employment,person.housing,person.money_worries,"
	"person.lives_alone,source,reasons,details,urgency,safeguarding,discharge.hospital,discharge.ward,"
	"discharge.expected_date,discharge.home_check_needed,referrer.name,referrer.organisation,referrer.role,"
	"referrer.email,referrer.phone,consent.referral,consent.data_sharing,received_at";

enum col {
	C_GIVEN, C_FAMILY, C_DOB, C_NHS, C_POSTCODE, C_ADDRESS, C_PRACTICE, C_PHONE, C_EMAIL, C_PREF, C_GENDER,
	C_ETHNICITY, C_DISABILITY, C_EMPLOYMENT, C_HOUSING, C_MONEY, C_ALONE, C_SOURCE, C_REASONS, C_DETAILS,
	C_URGENCY, C_SAFEGUARDING, C_HOSPITAL, C_WARD, C_EXPECTED, C_HOMECHECK, C_RNAME, C_RORG, C_RROLE,
	C_REMAIL, C_RPHONE, C_CONSENT_REF, C_CONSENT_DATA, C_RECEIVED, C__MAX
};
static const char *const col_path[C__MAX] = {
	"person.given_name", "person.family_name", "person.date_of_birth", "person.nhs_number", "person.postcode",
	"person.address", "person.practice", "person.phone", "person.email", "person.preferred_contact",
	"person.gender", "person.ethnicity", "person.disability", "person.employment", "person.housing",
	"person.money_worries", "person.lives_alone", "source", "reasons", "details", "urgency", "safeguarding",
	"discharge.hospital", "discharge.ward", "discharge.expected_date", "discharge.home_check_needed",
	"referrer.name", "referrer.organisation", "referrer.role", "referrer.email", "referrer.phone",
	"consent.referral", "consent.data_sharing", "received_at",
};

struct person {
	char given[64], family[64], dob[16], nhs[16], postcode[16], address[128], phone[32], email[128];
	unsigned practice;
};

static char out[1 << 20];
static size_t outn;

static void flush(void)
{
	fwrite(out, 1, outn, stdout);
	outn = 0;
}

static void put(const char *s)
{
	size_t n = strlen(s);
	int quote = strpbrk(s, ",\"\n\r") != NULL;
	if (outn + 2 * n + 4 > sizeof out)
		flush();
	if (!quote) {
		memcpy(out + outn, s, n);
		outn += n;
		return;
	}
	out[outn++] = '"';
	for (; *s; s++) {
		if (*s == '"')
			out[outn++] = '"';
		out[outn++] = *s;
	}
	out[outn++] = '"';
}

static int nhs_check(const char nine[9])
{
	int sum = 0;
	for (int i = 0; i < 9; i++)
		sum += (nine[i] - '0') * (10 - i);
	int c = 11 - sum % 11;
	return c == 11 ? 0 : c;
}

static uint64_t nhs_next = 400000000;

static void make_nhs(char *buf, int wrong)
{
	for (;;) {
		char nine[10];
		snprintf(nine, sizeof nine, "%09llu", (unsigned long long)nhs_next++);
		int c = nhs_check(nine);
		if (c == 10)
			continue;
		if (wrong)
			c = (c + 1 + (int)pick(8)) % 10;
		/* Write it the way people do: 3 3 4 with spaces, or run together. */
		if (pick(2))
			snprintf(buf, 16, "%.3s %.3s %.3s%d", nine, nine + 3, nine + 6, c);
		else
			snprintf(buf, 16, "%s%d", nine, c);
		if (wrong && nhs_check(nine) == 10)
			continue;
		return;
	}
}

static void civil(int64_t days, int *y, int *m, int *d)
{
	/* days since 1970-01-01 to y-m-d (Howard Hinnant's algorithm) */
	days += 719468;
	int64_t era = (days >= 0 ? days : days - 146096) / 146097;
	unsigned doe = (unsigned)(days - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = (int64_t)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static void new_person(struct person *p)
{
	static const char inward_letters[] = "ABDEFGHJLNPQRSTUWXYZ";
	snprintf(p->given, sizeof p->given, "%s", given_names[pick(N(given_names))]);
	snprintf(p->family, sizeof p->family, "%s", family_names[pick(N(family_names))]);
	int y = 1925 + (int)pick(83), m = 1 + (int)pick(12), d = 1 + (int)pick(28);
	snprintf(p->dob, sizeof p->dob, "%04d-%02d-%02d", y, m, d);
	if (pick(10) < 7)
		make_nhs(p->nhs, 0);
	else
		p->nhs[0] = '\0';
	const char *oc = outcodes[pick(N(outcodes))];
	snprintf(p->postcode, sizeof p->postcode, "%s %d%c%c", oc, (int)pick(10), inward_letters[pick(20)],
		 inward_letters[pick(20)]);
	snprintf(p->address, sizeof p->address, "%u %s, %s", 1 + pick(120), streets[pick(N(streets))],
		 towns[pick(N(towns))]);
	if (pick(2))
		snprintf(p->phone, sizeof p->phone, "01603 %06u", pick(1000000));
	else
		snprintf(p->phone, sizeof p->phone, "07700 9%05u", pick(100000));
	if (pick(3) == 0)
		snprintf(p->email, sizeof p->email, "%c.%s%u@example.org", p->given[0], "person", pick(100000));
	else
		p->email[0] = '\0';
	p->practice = pick(N(practices));
}

enum bad {
	B_NHS, B_POSTCODE, B_DOB_FUTURE, B_DOB_UNREAL, B_REASON, B_CONSENT, B_EMAIL, B_GIVEN_MISSING, B_SOURCE,
	B_DISCHARGE_MISSING, B_PHONE, B_URGENCY, B_PRACTICE, B_RECEIVED_FUTURE, B_ETHNICITY, B_NAME_LONG, B__MAX
};

int main(int argc, char **argv)
{
	long rows = 0, bad_per_mille = 10, dup_percent = 5;
	const char *expect = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--bad") == 0 && i + 1 < argc)
			bad_per_mille = atol(argv[++i]);
		else if (strcmp(argv[i], "--dup") == 0 && i + 1 < argc)
			dup_percent = atol(argv[++i]);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			rng ^= (uint64_t)atoll(argv[++i]) * 0x9E3779B97F4A7C15ull;
		else if (strcmp(argv[i], "--expect") == 0 && i + 1 < argc)
			expect = argv[++i];
		else if (argv[i][0] != '-')
			rows = atol(argv[i]);
		else {
			fprintf(stderr, "usage: import_gen ROWS [--bad PER_MILLE] [--dup PERCENT] [--seed N] [--expect FILE]\n");
			return 2;
		}
	}
	if (rng == 0)
		rng = 1;
	FILE *ex = expect ? fopen(expect, "w") : NULL;
	if (expect && !ex) {
		perror(expect);
		return 1;
	}
	if (ex)
		fputs("line,field\n", ex);
	int64_t now = (int64_t)time(NULL);
	int64_t today = now / 86400;
	static struct person recent[1024];
	long nrecent = 0;
	outn = (size_t)snprintf(out, sizeof out, "%s\n", header);
	long bad_kind = 0;
	for (long row = 0; row < rows; row++) {
		long line = row + 2;
		struct person p;
		if (nrecent && (long)pick(100) < dup_percent)
			p = recent[pick(nrecent < 1024 ? (unsigned)nrecent : 1024)];
		else {
			new_person(&p);
			recent[nrecent++ % 1024] = p;
		}
		const char *f[C__MAX];
		for (int c = 0; c < C__MAX; c++)
			f[c] = "";
		char nhs_bad[16], dob_buf[16], expected[16], received[32], reasons_buf[160], rphone[32], remail[96],
			given_long[160];
		unsigned s = pick(N(sources));
		int discharge = s == 4 || s == 5;
		f[C_GIVEN] = p.given;
		f[C_FAMILY] = p.family;
		f[C_DOB] = p.dob;
		f[C_NHS] = p.nhs;
		f[C_POSTCODE] = p.postcode;
		f[C_ADDRESS] = p.address;
		f[C_PRACTICE] = practices[p.practice];
		f[C_PHONE] = p.phone;
		f[C_EMAIL] = p.email;
		f[C_PREF] = p.email[0] && pick(2) ? "email" : (pick(2) ? "phone" : "any");
		f[C_GENDER] = genders[pick(N(genders))];
		f[C_ETHNICITY] = ethnicities[pick(N(ethnicities))];
		f[C_DISABILITY] = disability[pick(N(disability))];
		f[C_EMPLOYMENT] = employment[pick(N(employment))];
		f[C_HOUSING] = housing[pick(N(housing))];
		f[C_MONEY] = yesno[pick(2)];
		f[C_ALONE] = yesno[pick(2)];
		f[C_SOURCE] = sources[s][0];
		unsigned nr = 1 + pick(3), r0 = pick(N(reasons));
		reasons_buf[0] = '\0';
		for (unsigned k = 0; k < nr; k++) {
			if (k)
				strcat(reasons_buf, ";");
			strcat(reasons_buf, reasons[(r0 + k * 5) % N(reasons)]);
		}
		if (discharge)
			strcat(reasons_buf, ";discharge_support");
		f[C_REASONS] = reasons_buf;
		f[C_DETAILS] = details[pick(N(details))];
		f[C_URGENCY] = urgencies[pick(N(urgencies))];
		f[C_SAFEGUARDING] = pick(20) ? "no" : "yes";
		f[C_HOMECHECK] = "no";
		if (discharge) {
			int y, m, d;
			civil(today + 1 + pick(14), &y, &m, &d);
			snprintf(expected, sizeof expected, "%04d-%02d-%02d", y, m, d);
			f[C_HOSPITAL] = hospitals[pick(N(hospitals))];
			f[C_WARD] = pick(2) ? "Gateley Ward" : "";
			f[C_EXPECTED] = expected;
			f[C_HOMECHECK] = yesno[pick(2)];
		}
		if (s != 7) {
			f[C_RNAME] = s == 8 ? "Susan Carter" : "Dr A. Khan";
			f[C_RORG] = sources[s][1];
			f[C_RROLE] = sources[s][2];
			snprintf(rphone, sizeof rphone, "01842 %06u", pick(1000000));
			f[C_RPHONE] = rphone;
			snprintf(remail, sizeof remail, "referrals%u@nhs.example", pick(100));
			f[C_REMAIL] = pick(2) ? remail : "";
		}
		if (s == 0)
			f[C_PRACTICE] = practices[p.practice];
		f[C_CONSENT_REF] = "yes";
		f[C_CONSENT_DATA] = pick(2) ? "yes" : "true";
		{
			int64_t t = now - 60 - (int64_t)pick(30 * 86400);
			int y, m, d;
			civil(t / 86400, &y, &m, &d);
			int64_t sod = t % 86400;
			snprintf(received, sizeof received, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, (int)(sod / 3600),
				 (int)(sod / 60 % 60), (int)(sod % 60));
			f[C_RECEIVED] = pick(4) ? received : "";
		}
		if ((long)pick(1000) < bad_per_mille) {
			enum bad b = (enum bad)(bad_kind++ % B__MAX);
			int col = -1;
			switch (b) {
			case B_NHS:
				make_nhs(nhs_bad, 1);
				f[C_NHS] = nhs_bad;
				col = C_NHS;
				break;
			case B_POSTCODE:
				f[C_POSTCODE] = pick(2) ? "NR1 XYZ" : "QQ1 1AA";
				col = C_POSTCODE;
				break;
			case B_DOB_FUTURE:
				f[C_DOB] = "2099-01-01";
				col = C_DOB;
				break;
			case B_DOB_UNREAL:
				snprintf(dob_buf, sizeof dob_buf, "19%02u-02-30", 40 + pick(50));
				f[C_DOB] = dob_buf;
				col = C_DOB;
				break;
			case B_REASON:
				f[C_REASONS] = "gardening;loneliness";
				col = C_REASONS;
				break;
			case B_CONSENT:
				f[C_CONSENT_REF] = "no";
				col = C_CONSENT_REF;
				break;
			case B_EMAIL:
				f[C_EMAIL] = "not-an-email";
				f[C_PREF] = "phone";
				col = C_EMAIL;
				break;
			case B_GIVEN_MISSING:
				f[C_GIVEN] = "";
				col = C_GIVEN;
				break;
			case B_SOURCE:
				f[C_SOURCE] = "carrier_pigeon";
				col = C_SOURCE;
				break;
			case B_DISCHARGE_MISSING:
				f[C_SOURCE] = "acute_hospital_discharge";
				f[C_RNAME] = "Ward Clerk";
				f[C_RORG] = "NNUH Discharge Team";
				f[C_RPHONE] = "01603 286286";
				f[C_HOSPITAL] = "";
				{
					int y, m, d;
					civil(today + 3, &y, &m, &d);
					snprintf(expected, sizeof expected, "%04d-%02d-%02d", y, m, d);
					f[C_EXPECTED] = expected;
				}
				col = C_HOSPITAL;
				break;
			case B_PHONE:
				f[C_PHONE] = "12345";
				col = C_PHONE;
				break;
			case B_URGENCY:
				f[C_URGENCY] = "whenever";
				col = C_URGENCY;
				break;
			case B_PRACTICE:
				f[C_PRACTICE] = "Nowhere Surgery";
				col = C_PRACTICE;
				break;
			case B_RECEIVED_FUTURE:
				f[C_RECEIVED] = "2099-01-01T00:00:00Z";
				col = C_RECEIVED;
				break;
			case B_ETHNICITY:
				f[C_ETHNICITY] = "Q";
				col = C_ETHNICITY;
				break;
			case B_NAME_LONG:
				memset(given_long, 'a', 150);
				given_long[150] = '\0';
				f[C_GIVEN] = given_long;
				col = C_GIVEN;
				break;
			case B__MAX:
				break;
			}
			if (ex)
				fprintf(ex, "%ld,%s\n", line, col_path[col]);
		}
		for (int c = 0; c < C__MAX; c++) {
			if (c)
				out[outn++] = ',';
			put(f[c]);
		}
		out[outn++] = '\n';
	}
	flush();
	if (ex)
		fclose(ex);
	return 0;
}
