"""The Competing Values Framework, in our own words.

Four culture types sit on two axes: flexible or stable, looking inward or outward.
Clan (flexible, inward), adhocracy (flexible, outward), market (stable, outward)
and hierarchy (stable, inward). A rater looks at six dimensions of an organization
and, for each, splits 100 points among four statements, one per type.

Every statement and question here is written for Followthrough: plain, concrete,
something a person could see or hear in an office or an interview.
"""

from __future__ import annotations

from dataclasses import dataclass

POINTS_PER_DIMENSION = 100


@dataclass(frozen=True)
class CultureType:
    key: str
    label: str
    gist: str
    """A few words on what the type values, for sentences and legends."""
    corner: str
    """Where the type sits on the four-quadrant chart."""


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    prompt: str
    """The question the four statements answer."""
    statements: dict[str, str]
    """Type key -> our statement for this dimension."""
    listen_for: dict[str, str]
    """Type key -> what an answer sounds like when that type dominates."""
    questions: tuple[str, ...]
    """Interview questions whose answers reveal which type dominates here."""


CLAN = CultureType("clan", "Clan", "people and teamwork", "top-left")
ADHOCRACY = CultureType("adhocracy", "Adhocracy", "new ideas and risk", "top-right")
MARKET = CultureType("market", "Market", "results and winning", "bottom-right")
HIERARCHY = CultureType("hierarchy", "Hierarchy", "order and procedure", "bottom-left")

TYPES: tuple[CultureType, ...] = (CLAN, ADHOCRACY, MARKET, HIERARCHY)
TYPE_KEYS: tuple[str, ...] = tuple(t.key for t in TYPES)
TYPES_BY_KEY: dict[str, CultureType] = {t.key: t for t in TYPES}


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        key="characteristics",
        label="Dominant characteristics",
        prompt="What is the place like from day to day?",
        statements={
            "clan": "Colleagues know about each other's lives; eating lunch together and "
            "covering for one another are normal.",
            "adhocracy": "Something new is always being tried; projects start and stop "
            "quickly and people improvise.",
            "market": "Targets are up on the wall; people talk about numbers, deals and "
            "beating the competition.",
            "hierarchy": "Most work has a written way of doing it, and people follow it.",
        },
        listen_for={
            "clan": "helping each other, time together",
            "adhocracy": "new projects, improvising",
            "market": "deadlines, numbers, deals",
            "hierarchy": "routines, set procedures",
        },
        questions=(
            "What did last week look like for someone in this role?",
            "What surprises new people most in their first month here?",
            "When did the team last change the way it works, and what set it off?",
        ),
    ),
    Dimension(
        key="leadership",
        label="Leadership",
        prompt="What do the managers spend their time on?",
        statements={
            "clan": "Managers coach, listen and look after how their people are growing.",
            "adhocracy": "Managers push for bold ideas, back experiments and shrug off the "
            "ones that fail.",
            "market": "Managers set demanding goals, watch the results closely and expect "
            "delivery.",
            "hierarchy": "Managers plan, coordinate and make sure things run smoothly and "
            "by the rules.",
        },
        listen_for={
            "clan": "coaching, one-to-ones",
            "adhocracy": "encouraging bets, tolerating failure",
            "market": "goals, dashboards, pressure",
            "hierarchy": "plans, sign-offs, schedules",
        },
        questions=(
            "How would your team describe you as a manager?",
            "Tell me about a time someone here took a risk that did not work out. "
            "What did their manager do?",
            "How do the leaders here find out how things are going?",
        ),
    ),
    Dimension(
        key="management",
        label="Management of employees",
        prompt="How are people treated and managed?",
        statements={
            "clan": "Decisions are talked through together; agreement and teamwork count "
            "for more than rank.",
            "adhocracy": "People get room to take initiative and run with their own ideas, "
            "even risky ones.",
            "market": "Pay, promotion and praise follow performance, and colleagues openly "
            "compete.",
            "hierarchy": "Roles are clearly drawn, jobs are secure and people know what to "
            "expect each week.",
        },
        listen_for={
            "clan": "consensus, involving everyone",
            "adhocracy": "freedom, owning ideas",
            "market": "rankings, bonuses, performance",
            "hierarchy": "job descriptions, stability",
        },
        questions=(
            "How are decisions about the team's work made?",
            "What does someone have to do to get promoted here?",
            "How much can a person choose how they do their own work?",
        ),
    ),
    Dimension(
        key="glue",
        label="Organizational glue",
        prompt="What holds the place together?",
        statements={
            "clan": "Loyalty and trust between colleagues: people stay for each other.",
            "adhocracy": "The excitement of building something new and getting there first.",
            "market": "The drive to win: hitting the goal together and being the best.",
            "hierarchy": "Shared rules and policies that keep everything predictable.",
        },
        listen_for={
            "clan": "the people, loyalty",
            "adhocracy": "the mission, being first",
            "market": "winning, hitting targets",
            "hierarchy": "stability, clear rules",
        },
        questions=(
            "Why do people stay here?",
            "What does the team celebrate?",
            "When things got hard in the last year, what kept people going?",
        ),
    ),
    Dimension(
        key="strategy",
        label="Strategic emphases",
        prompt="What does the organization put its time and money into?",
        statements={
            "clan": "Developing its people: training, mentoring and keeping morale high.",
            "adhocracy": "New products, new markets and things nobody has tried yet.",
            "market": "Growing its share, beating competitors and landing measurable wins.",
            "hierarchy": "Efficiency and reliability: keeping costs and risks under control.",
        },
        listen_for={
            "clan": "training, mentoring, morale",
            "adhocracy": "new products, experiments",
            "market": "growth, market share, sales",
            "hierarchy": "efficiency, cost, compliance",
        },
        questions=(
            "What is the organization putting money and time into this year?",
            "What will this team do differently a year from now?",
            "When budgets get tight, what is cut first and what is protected?",
        ),
    ),
    Dimension(
        key="success",
        label="Criteria of success",
        prompt="What counts as a good year?",
        statements={
            "clan": "People grew, stayed and worked well together.",
            "adhocracy": "It launched something original that others now copy.",
            "market": "It beat its targets and its competitors.",
            "hierarchy": "It delivered on time, on budget and without surprises.",
        },
        listen_for={
            "clan": "growth of people, low turnover",
            "adhocracy": "launches, firsts",
            "market": "targets beaten, revenue",
            "hierarchy": "on time, on budget",
        },
        questions=(
            "A year from now, how will you know this hire was a success?",
            "What does a good year look like for the team?",
            "Whose work was recognized recently, and for what?",
        ),
    ),
)

DIMENSION_KEYS: tuple[str, ...] = tuple(d.key for d in DIMENSIONS)
DIMENSIONS_BY_KEY: dict[str, Dimension] = {d.key: d for d in DIMENSIONS}
