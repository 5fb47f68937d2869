/* Demo data for the community service directory: thirty fictional Norfolk
 * and Waveney community services (flagged demo; names, numbers and addresses
 * are made up: Ofcom drama phone numbers, example.org addresses), each
 * checked by the same rules as one typed in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/demo.h"
#include "store/directory.h"

struct demo_service {
	const char *org, *name, *description;
	const char *categories; /* space-separated codes */
	const char *areas;      /* space-separated codes, or "all" */
	const char *eligibility, *capacity, *capacity_note;
	const char *phone, *email, *website, *address, *postcode;
};

static const struct demo_service demo_services[] = {
	{ "Brecks Befriending Network", "Telephone befriending",
	  "A weekly phone call from the same trained volunteer, for as long as it helps.", "befriending", "breckland south_norfolk",
	  "Adults 60 and over who feel lonely or cut off.", "open", "", "01632 960101", "calls@brecks-befriending.example.org",
	  NULL, NULL, NULL },
	{ "Brecks Befriending Network", "Home visiting befriending",
	  "A volunteer visits for an hour a week for a chat, a walk or help to get to a local group.", "befriending social_groups",
	  "breckland", "Adults who live alone in Breckland; visitors are DBS checked.", "waiting_list", "About 6 weeks",
	  "01632 960102", "visits@brecks-befriending.example.org", NULL, "Market Place, Swaffham", "PE37 7AB" },
	{ "Thetford Community Kitchen", "Friday lunch club",
	  "A two-course hot lunch and company every Friday at noon; transport can be arranged.", "social_groups food",
	  "breckland", "Anyone over 55; £4 a meal, free for the first visit.", "open", "", "01632 960103", NULL,
	  "https://thetford-kitchen.example.org", "The Carnegie Room, Cage Lane, Thetford", "IP24 2DS" },
	{ "Wayland Men's Shed", "Men's Shed workshop",
	  "Woodwork, repairs and a brew in a shared workshop, three mornings a week.", "social_groups learning_skills",
	  "breckland", "Anyone, mostly men, 18 and over.", "open", "", "01632 960104", "shed@wayland-shed.example.org", NULL,
	  "Unit 3, Wayland Road, Watton", "IP25 6AA" },
	{ "Dereham Green Fingers", "Community allotment",
	  "Gardening together on a shared allotment; tools, seeds and a raised bed for wheelchair users.",
	  "gardening_outdoors physical_activity", "breckland", "Adults of any age; no experience needed.", "limited",
	  "Tuesday group full; Thursday has places", "01632 960105", NULL, "https://greenfingers.example.org",
	  "Cemetery Road allotments, Dereham", "NR19 2AA" },
	{ "Norfolk Money Matters", "Benefits and debt advice line",
	  "Free, confidential benefits checks, help with forms and debt advice by phone or in person.", "money_advice",
	  "all", "Norfolk and Waveney residents.", "limited", "Call-backs within 5 working days", "01632 960106",
	  "advice@money-matters.example.org", "https://money-matters.example.org", NULL, NULL },
	{ "Norfolk Money Matters", "Warm Home grants help",
	  "Help applying for heating, insulation and boiler grants, and energy bill advice.", "money_advice housing",
	  "all", "Households on a low income or with a health condition made worse by the cold.", "open", "", "01632 960107",
	  "warmhomes@money-matters.example.org", NULL, NULL, NULL },
	{ "Norwich Walking for Health", "Health walks",
	  "Short, friendly led walks on flat paths, finishing with a cup of tea.", "physical_activity gardening_outdoors",
	  "norwich broadland", "Anyone who can walk for 20 minutes; wheelchair routes on Wednesdays.", "open", "",
	  "01632 960108", NULL, "https://norwich-walks.example.org", "Meet at The Forum, Millennium Plain, Norwich",
	  "NR2 1TF" },
	{ "Norwich Wellbeing Collective", "Peer support group for low mood",
	  "A weekly evening group led by people with their own experience of depression and anxiety.", "mental_wellbeing",
	  "norwich", "Adults 18+; not a crisis service.", "open", "", "01632 960109", "hello@wellbeing-collective.example.org",
	  NULL, "St Benedict's Street, Norwich", "NR2 4PE" },
	{ "City Reads Norfolk", "Shared reading groups",
	  "Short stories and poems read aloud together; no reading ahead, no pressure.", "arts_culture learning_skills",
	  "norwich south_norfolk broadland", "Anyone.", "open", "", "01632 960110", NULL, "https://cityreads.example.org",
	  NULL, NULL },
	{ "Broadland Community Transport", "Dial-a-ride",
	  "Door-to-door minibus for shopping, appointments and social visits; wheelchair accessible.", "transport",
	  "broadland norwich", "People who cannot use buses easily; membership £10 a year.", "limited",
	  "Book 48 hours ahead", "01632 960111", "bookings@broadland-ct.example.org", NULL, NULL, NULL },
	{ "Broadland Digital Buddies", "Help getting online",
	  "One-to-one help with phones, tablets, video calls and the NHS App; devices can be lent.", "digital_inclusion",
	  "broadland north_norfolk", "Adults of any age.", "open", "", "01632 960112", "buddies@digital-buddies.example.org",
	  NULL, "Aylsham Town Hall", "NR11 6EL" },
	{ "North Norfolk Carers' Circle", "Carers' support group",
	  "Monthly meet-ups, a carers' helpline and help with carers' assessments and breaks.", "carers mental_wellbeing",
	  "north_norfolk", "Unpaid carers of any age.", "open", "", "01632 960113", "circle@nn-carers.example.org",
	  "https://nn-carers.example.org", "Cromer Community Centre", "NR27 9HD" },
	{ "Coastal Memory Cafe", "Memory cafe",
	  "A relaxed afternoon for people living with dementia and those who care for them.",
	  "health_conditions social_groups carers", "north_norfolk", "People with memory problems and their carers.", "open",
	  "", "01632 960114", NULL, NULL, "Sheringham Methodist Church hall", "NR26 8LE" },
	{ "Holt Good Neighbours", "Good neighbour practical help",
	  "Volunteers help with small jobs, shopping, prescriptions and lifts to appointments.",
	  "practical_help transport befriending", "north_norfolk", "Residents of Holt and nearby villages.", "waiting_list",
	  "Lifts booked 3 weeks ahead", "01632 960115", "help@holt-neighbours.example.org", NULL, NULL, NULL },
	{ "West Norfolk Arts Together", "Creative wellbeing classes",
	  "Painting, printmaking and craft sessions in small groups, materials provided.", "arts_culture mental_wellbeing",
	  "kings_lynn_west_norfolk", "Adults 18+ referred by a link worker or GP.", "limited", "Next course starts in 4 weeks",
	  "01632 960116", "studio@wn-arts.example.org", "https://wn-arts.example.org", "King Street, King's Lynn", "PE30 1HA" },
	{ "Lynn Food Partnership", "Community pantry",
	  "Low-cost groceries each week for members, with free cooking sessions.", "food money_advice",
	  "kings_lynn_west_norfolk", "Local residents; £5 a week membership.", "open", "", "01632 960117",
	  "pantry@lynn-food.example.org", NULL, "Gaywood Community Centre, King's Lynn", "PE30 4JR" },
	{ "Fens Falls Prevention Group", "Strength and balance classes",
	  "Twelve weekly seated and standing exercise classes that lower the risk of falls.",
	  "physical_activity health_conditions", "kings_lynn_west_norfolk", "Adults 65+ who have fallen or fear falling.",
	  "waiting_list", "About 8 weeks", "01632 960118", NULL, NULL, "Downham Market Town Hall", "PE38 9DD" },
	{ "Hunstanton Coffee and Chat", "Coffee morning",
	  "A drop-in coffee morning every Tuesday with games, quizzes and local information.", "social_groups",
	  "kings_lynn_west_norfolk", "Anyone.", "open", "", "01632 960119", NULL, NULL, "Hunstanton Library", "PE36 6AA" },
	{ "Yarmouth Together", "Bereavement support",
	  "One-to-one sessions and a monthly group for people who have lost someone close.", "bereavement mental_wellbeing",
	  "great_yarmouth waveney", "Adults 18+, six months or more after the loss for the group.", "limited",
	  "One-to-one places from next month", "01632 960120", "support@yarmouth-together.example.org", NULL, NULL, NULL },
	{ "Yarmouth Together", "Volunteer centre",
	  "Finds volunteering roles that fit people's interests and health, with support to start.", "volunteering",
	  "great_yarmouth", "Anyone 16+.", "open", "", "01632 960121", "volunteer@yarmouth-together.example.org",
	  "https://yarmouth-together.example.org", "Regent Road, Great Yarmouth", "NR30 2AJ" },
	{ "Gorleston Seafront Walkers", "Seafront walking group",
	  "A gentle weekly walk along the promenade with benches every few hundred metres.", "physical_activity",
	  "great_yarmouth", "Anyone.", "open", "", "01632 960122", NULL, NULL, "Meet at the Pavilion, Gorleston", "NR31 6PP" },
	{ "Waveney Home from Hospital", "Settling in after hospital",
	  "Up to six weeks of help after a hospital stay: shopping, collecting prescriptions, a daily call.",
	  "practical_help befriending", "waveney great_yarmouth", "Adults leaving James Paget or a community bed.", "limited",
	  "Referrals from discharge teams first", "01632 960123", "home@waveney-hfh.example.org", NULL, NULL, NULL },
	{ "Lowestoft Job Club", "Job club",
	  "Help with CVs, applications and interviews, and confidence for returning to work.", "employment learning_skills",
	  "waveney", "Adults 18+ out of work or wanting to change job.", "open", "", "01632 960124", NULL,
	  "https://lowestoft-jobclub.example.org", "London Road North, Lowestoft", "NR32 1BE" },
	{ "Beccles Housing Help", "Housing advice and adaptations",
	  "Advice on tenancy problems, repairs and getting rails, ramps and other adaptations at home.", "housing practical_help",
	  "waveney", "Residents of Beccles, Bungay and nearby.", "closed", "Reopens to new referrals in spring",
	  "01632 960125", "advice@beccles-housing.example.org", NULL, NULL, NULL },
	{ "South Norfolk Singing for the Brain", "Singing group",
	  "Singing familiar songs together, which helps memory, mood and breathing.",
	  "arts_culture health_conditions social_groups", "south_norfolk norwich", "People with dementia or a lung condition, and carers.",
	  "open", "", "01632 960126", NULL, NULL, "Wymondham Central Hall", "NR18 0AQ" },
	{ "Diss Community Garden", "Therapeutic gardening",
	  "Supported gardening sessions in a walled garden, with a horticultural therapist.",
	  "gardening_outdoors mental_wellbeing", "south_norfolk", "Adults with low mood, anxiety or a long-term condition.",
	  "waiting_list", "About 4 weeks", "01632 960127", "grow@diss-garden.example.org", NULL, "Mere Street, Diss",
	  "IP22 4AG" },
	{ "Norfolk Carers Line", "Carers' advice line",
	  "Telephone advice for unpaid carers: breaks, benefits, emergency planning.", "carers money_advice",
	  "all", "Unpaid carers in Norfolk and Waveney.", "open", "", "01632 960128", "line@norfolk-carers.example.org",
	  "https://norfolk-carers.example.org", NULL, NULL },
	{ "Norfolk Condition Support Hub", "Long-term condition groups",
	  "Peer groups for diabetes, COPD, heart conditions and chronic pain, each led with a health professional.",
	  "health_conditions social_groups", "all", "Adults with a diagnosed long-term condition.", "open", "",
	  "01632 960129", NULL, "https://condition-hub.example.org", NULL, NULL },
	{ "Norfolk Learning Network", "Adult learning taster courses",
	  "Free short courses: cooking on a budget, digital skills, creative writing, first aid.",
	  "learning_skills digital_inclusion food", "all", "Adults 19+.", "open", "", "01632 960130",
	  "courses@learning-network.example.org", "https://learning-network.example.org", NULL, NULL },
};
#define N_SERVICES (sizeof demo_services / sizeof demo_services[0])

/* Splits a space-separated list into items (pointers into buf). */
static size_t split(const char *list, char *buf, size_t buflen, const char **items, size_t max)
{
	snprintf(buf, buflen, "%s", list);
	size_t n = 0;
	for (char *save = NULL, *t = strtok_r(buf, " ", &save); t && n < max; t = strtok_r(NULL, " ", &save))
		items[n++] = t;
	return n;
}

int demo_load_directory(struct store *st, int64_t now)
{
	struct directory_refs_buf b;
	struct service_input in;
	struct service_record *rec = malloc(sizeof *rec);
	int rc = -1;
	if (!rec || directory_refs_load(st, &b))
		goto done;
	for (size_t i = 0; i < N_SERVICES; i++) {
		const struct demo_service *d = &demo_services[i];
		char cats[256], areas[256];
		memset(&in, 0, sizeof in);
		in.v[SF_ORGANIZATION_NAME] = d->org;
		in.v[SF_NAME] = d->name;
		in.v[SF_DESCRIPTION] = d->description;
		in.v[SF_ELIGIBILITY] = d->eligibility;
		in.v[SF_CAPACITY_STATUS] = d->capacity;
		in.v[SF_CAPACITY_NOTE] = d->capacity_note;
		in.v[SF_PHONE] = d->phone;
		in.v[SF_EMAIL] = d->email;
		in.v[SF_WEBSITE] = d->website;
		in.v[SF_ADDRESS] = d->address;
		in.v[SF_POSTCODE] = d->postcode;
		in.nitems[SF_CATEGORIES] = split(d->categories, cats, sizeof cats, in.items[SF_CATEGORIES], DIRECTORY_LIST_MAX);
		if (strcmp(d->areas, "all") == 0) {
			for (size_t k = 0; k < b.refs.areas.n; k++)
				in.items[SF_SERVICE_AREAS][k] = b.refs.areas.code[k];
			in.nitems[SF_SERVICE_AREAS] = b.refs.areas.n;
		} else {
			in.nitems[SF_SERVICE_AREAS] =
				split(d->areas, areas, sizeof areas, in.items[SF_SERVICE_AREAS], DIRECTORY_LIST_MAX);
		}
		struct field_errors fe;
		fielderr_init(&fe);
		int64_t id;
		if (service_validate(&in, &b.refs, rec, &fe)) {
			store_set_error(st, STORE_ERROR, "demo service %s: %s: %s", d->name, fe.e[0].field, fe.e[0].message);
			goto done;
		}
		if (directory_service_create(st, rec, 1, 0, 0, now, &id))
			goto done;
	}
	rc = 0;
done:
	free(rec);
	return rc;
}
