"""A demo workspace: a realistic, generated job search a newcomer can look around in.

``build_demo(owner, today)`` fills an empty workspace with a product manager's
search of the last four months: about forty people (former colleagues, alumni,
mentors, recruiters, hiring managers, fellow seekers), a dozen organizations,
twelve opportunities across the pipeline (one offer with a deadline, some
closed), the interactions that got them there and a few tasks by hand.

Everything goes through the service functions, so the demo obeys the same
rules as data typed by a person; dates are relative to ``today`` so the
agenda always has something due. The same ``seed`` gives the same workspace.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from .models import Interaction, Opportunity, Organization, Person, Tag, Task
from .services.errors import InputError
from .services.interactions import LogInput, log_interaction
from .services.jobfields import JobFields
from .services.opportunities import OpportunityInput, add_opportunity, involve, move
from .services.owners import owner_zone
from .services.people import OrganizationInput, PersonInput, add_organization, add_person
from .services.tasks import add_task, snooze

# key: (name, website, notes, culture notes)
ORGANIZATIONS = {
    "northwind": ("Northwind Analytics", "northwind.example.com",
                  "Analytics software for mid-size retailers; about 400 people.",
                  "Engineering-led, writes everything down, ships weekly."),
    "bluefield": ("Bluefield Health", "bluefieldhealth.example.org",
                  "Regional health network building its own patient app.",
                  "Careful and consensus-driven; clinicians sit in product reviews."),
    "cedar": ("Cedar & Pine Software", "cedarpine.example.com",
              "Scheduling tools for small clinics and salons.",
              "Small teams with a lot of autonomy; experiments first."),
    "harborlight": ("Harborlight Logistics", "harborlight.example.com",
                    "Freight brokerage moving its dispatch tools in-house.", ""),
    "meridian": ("Meridian Credit Union", "meridiancu.example.org",
                 "Member-owned credit union, 60,000 members.",
                 "Process-heavy, friendly, long tenures."),
    "lumen": ("Lumen Learning Labs", "lumenlabs.example.com",
              "Online courses for adult learners.", ""),
    "foxglove": ("Foxglove Games", "foxglove.example.com", "Mobile puzzle games studio.", ""),
    "tallgrass": ("Tallgrass Energy Cooperative", "tallgrass.example.org",
                  "Rural electric cooperative modernising its member portal.", ""),
    "quillstone": ("Quillstone Publishing", "quillstone.example.com",
                   "Educational publisher going digital.", ""),
    "riverbend": ("Riverbend Library Foundation", "riverbendlibrary.example.org",
                  "Non-profit funding the city's library programmes.", ""),
    "summit": ("Summit Talent Partners", "summittalent.example.com",
               "Recruiting agency for product and engineering roles.", ""),
}

# key: (organization, title, situation, tags, how met, cadence in days, birthday)
# birthday: "year" (with a year), "day" (without a year), "today" (this very day), "" none.
PEOPLE = {
    "mentor": (None, "Product advisor, former VP of Product", "self_employed",
               "mentor, former colleague", "My manager at Copperleaf for four years", 30, "year"),
    "ex_northwind": ("northwind", "Engineering Manager", "employed", "former colleague",
                     "Worked together at Copperleaf", 90, "day"),
    "ex_foxglove": ("foxglove", "Design Lead", "employed", "former colleague",
                    "Sat next to each other at Copperleaf", 90, ""),
    "ex_harborlight": ("harborlight", "Data Scientist", "employed", "former colleague",
                       "Copperleaf analytics guild", None, "year"),
    "ex_seeking": (None, "Product Manager", "seeking", "former colleague, networking group",
                   "Laid off from Copperleaf the same week", 30, ""),
    "alum_cedar": ("cedar", "Director of Product", "employed", "alumni",
                   "Alumni mentoring evening", None, ""),
    "alum_lumen": ("lumen", "Product Manager", "employed", "alumni",
                   "Same MBA cohort", 90, "day"),
    "alum_student": (None, "MBA candidate", "student", "alumni", "Alumni mentoring evening",
                     None, ""),
    "alum_tallgrass": ("tallgrass", "Operations Manager", "employed", "alumni",
                       "Alumni newsletter", None, ""),
    "hm_northwind": ("northwind", "VP of Product", "hiring_manager", "", "", None, ""),
    "hm_bluefield": ("bluefield", "Head of Product", "hiring_manager", "", "", None, ""),
    "hm_cedar": ("cedar", "Group Product Director", "hiring_manager", "", "", None, ""),
    "hm_meridian": ("meridian", "Director of Digital Banking", "hiring_manager", "", "", None,
                    ""),
    "hm_quillstone": ("quillstone", "Head of Digital", "hiring_manager", "", "", None, ""),
    "hm_harborlight": ("harborlight", "Chief Product Officer", "hiring_manager", "", "", None,
                       ""),
    "int_northwind_eng": ("northwind", "Staff Engineer", "employed", "", "", None, ""),
    "int_northwind_design": ("northwind", "Product Designer", "employed", "", "", None, ""),
    "int_bluefield_ops": ("bluefield", "Clinical Operations Lead", "employed", "", "", None,
                          ""),
    "int_bluefield_eng": ("bluefield", "Director of Engineering", "employed", "", "", None, ""),
    "int_cedar_pm": ("cedar", "Senior Product Manager", "employed", "", "", None, ""),
    "int_cedar_ux": ("cedar", "UX Researcher", "employed", "", "", None, ""),
    "int_quillstone": ("quillstone", "Managing Editor", "employed", "", "", None, ""),
    "rec_summit": ("summit", "Senior Recruiter", "recruiter", "recruiter",
                   "Reached out on a job board", None, ""),
    "rec_summit_partner": ("summit", "Talent Partner", "recruiter", "recruiter", "", None, ""),
    "rec_bluefield": ("bluefield", "Talent Acquisition Partner", "recruiter", "recruiter", "",
                      None, ""),
    "rec_meridian": ("meridian", "Recruiter", "recruiter", "recruiter", "", None, ""),
    "rec_independent": (None, "Independent recruiter", "recruiter", "recruiter",
                        "Product meetup", 90, ""),
    "buddy": (None, "UX Designer", "seeking", "networking group, search buddy",
              "Tuesday networking group", 14, "today"),
    "seeker_ops": (None, "Operations Analyst", "seeking", "networking group",
                   "Tuesday networking group", None, ""),
    "seeker_marketing": (None, "Marketing Manager", "seeking", "networking group",
                         "Tuesday networking group", None, "day"),
    "seeker_engineer": (None, "Software Engineer", "seeking", "networking group",
                        "Tuesday networking group", None, ""),
    "seeker_analyst": (None, "Business Analyst", "seeking", "", "Product meetup", None, ""),
    "neighbour": ("meridian", "Software Architect", "employed", "", "Neighbour", 90, "year"),
    "friend_riverbend": ("riverbend", "Programme Director", "employed", "", "Book club",
                         None, "day"),
    "coach": (None, "Career coach", "self_employed", "mentor, networking group",
              "Runs the Tuesday networking group", 30, ""),
    "retired_cto": (None, "Retired CTO", "retired", "mentor", "Introduced by my mentor", 90,
                    "year"),
    "alum_consultant": (None, "Independent product consultant", "self_employed", "alumni",
                        "Same MBA cohort", None, ""),
    "lumen_eng": ("lumen", "Engineering Manager", "employed", "",
                  "Introduced by my MBA classmate", None, ""),
    "tallgrass_po": ("tallgrass", "Product Owner", "employed", "", "Alumni newsletter", None,
                     ""),
    "conference": (None, "", "unknown", "", "Chatted after a talk at ProductCamp", None, ""),
}

INTRODUCED_BY = {"retired_cto": "mentor", "lumen_eng": "alum_lumen",
                 "tallgrass_po": "alum_tallgrass", "hm_harborlight": "ex_harborlight",
                 "coach": "ex_seeking"}

FIRST_NAMES = [
    "Amara", "Ben", "Carmen", "Dmitri", "Elena", "Farid", "Grace", "Hiroshi", "Ines", "Jonah",
    "Keisha", "Lars", "Maya", "Nikhil", "Olu", "Priya", "Quentin", "Rosa", "Sven", "Tamar",
    "Umar", "Valeria", "Wen", "Ximena", "Yusuf", "Zoe", "Aidan", "Bea", "Chidi", "Dana",
    "Emil", "Fatima", "Gus", "Hana", "Ivan", "Jade", "Kofi", "Leah", "Mateo", "Nora",
    "Oscar", "Paula", "Rafael", "Sofia", "Theo", "Uma", "Victor", "Willa",
]
LAST_NAMES = [
    "Okafor", "Lindqvist", "Moreau", "Petrov", "Garcia", "Haddad", "Kim", "Tanaka", "Silva",
    "Brennan", "Mensah", "Novak", "Patel", "Rossi", "Schmidt", "Abara", "Dubois", "Ferreira",
    "Nakamura", "Osei", "Quinn", "Reyes", "Sato", "Walsh", "Yilmaz", "Zhang", "Baptiste",
    "Castillo", "Eriksen", "Fischer", "Gallagher", "Ibrahim", "Jensen", "Kowalski", "Larsen",
    "Mbeki", "Nguyen", "O'Neill", "Park", "Romero", "Svensson", "Thorne", "Varga", "Weber",
]


@dataclass
class _Demo:
    """The generator's state: who and what was made, by key."""

    owner: object
    today: dt.date
    rng: random.Random
    orgs: dict[str, Organization]
    people: dict[str, Person]
    opps: dict[str, Opportunity]

    def day(self, days_ago: int, jitter: int = 0) -> dt.date:
        """``days_ago`` days before today, moved up to ``jitter`` days earlier, never future."""
        shift = self.rng.randint(0, jitter) if jitter else 0
        return self.today - dt.timedelta(days=max(0, days_ago + shift))

    def log(self, kind: str, who: str | list[str], days_ago: int, **fields) -> Interaction:
        keys = [who] if isinstance(who, str) else who
        opp = fields.pop("opp", None)
        on = fields.pop("on", None) or self.day(days_ago, fields.pop("jitter", 0))
        # A panel's rapport notes, one per person: {person key: note}.
        notes = fields.pop("rapport", {})
        if notes:
            fields["rapport_notes"] = [f"{self.people[k].pk}={n}" for k, n in notes.items()]
        data = LogInput(
            kind=kind,
            people=[self.people[k] for k in keys],
            on=on,
            opportunity=self.opps[opp] if opp else None,
            **fields,
        )
        return log_interaction(self.owner, data, self.today).interaction


def build_demo(owner, today: dt.date, *, replace: bool = False, seed: int = 7) -> dict:
    """Fill ``owner``'s empty workspace with a generated job search; return the counts.

    Raises ``InputError`` when the workspace already has data, unless ``replace``
    is true, in which case the owner's people, organizations, opportunities,
    interactions, tags and tasks are deleted first. All or nothing: one
    transaction. Only ``owner``'s data is read or touched.
    """
    with transaction.atomic():
        existing = _counts(owner)
        if any(existing.values()) and not replace:
            raise InputError(
                "The workspace already has data ("
                + ", ".join(_plural(n, what) for what, n in existing.items() if n)
                + "); the demo fills an empty workspace only: use `followthrough demo --force`"
                " to replace everything.",
                "force",
            )
        if replace:
            _clear(owner)
        demo = _Demo(owner, today, random.Random(seed), {}, {}, {})
        _add_organizations(demo)
        _add_people(demo)
        _add_opportunities(demo)
        _log_pipeline(demo)
        _log_networking(demo)
        _add_tasks(demo)
        _add_culture(demo)
        _started_with_the_story(owner)
        return _counts(owner)


def _add_culture(demo: _Demo) -> None:
    """A preferred culture and a few ratings, so the culture pages have a fit to show."""
    from followthrough.culture.demo import add_culture

    add_culture(demo.owner, demo.today)


def _started_with_the_story(owner) -> None:
    """The demo seeker joined when their story began, months ago, not today.

    The etiquette rules put nothing due before the owner joined (a new
    workspace has no backlog), so a demo "joined" today would show its months
    of history with nothing overdue.
    """
    first = (
        Interaction.objects.filter(owner=owner)
        .order_by("occurred_on")
        .values_list("occurred_on", flat=True)
        .first()
    )
    if first is None:
        return
    began = dt.datetime.combine(first, dt.time(), tzinfo=owner_zone(owner))
    if owner.date_joined is None or owner.date_joined > began:
        type(owner).objects.filter(pk=owner.pk).update(date_joined=began)
        owner.date_joined = began


def _counts(owner) -> dict[str, int]:
    return {
        "people": Person.objects.filter(owner=owner).count(),
        "organizations": Organization.objects.filter(owner=owner).count(),
        "opportunities": Opportunity.objects.filter(owner=owner).count(),
        "interactions": Interaction.objects.filter(owner=owner).count(),
        "tasks": Task.objects.filter(owner=owner).count(),
    }


_SINGULAR = {"people": "person", "organizations": "organization",
             "opportunities": "opportunity", "interactions": "interaction", "tasks": "task"}


def _plural(count: int, things: str) -> str:
    return f"{count} {things if count != 1 else _SINGULAR[things]}"


def _clear(owner) -> None:
    # Opportunities protect their organization, so they go first.
    from followthrough.culture.models import PreferredProfile

    PreferredProfile.objects.filter(owner=owner).delete()
    for model in (Task, Interaction, Opportunity, Person, Organization, Tag):
        model.objects.filter(owner=owner).delete()


def _add_organizations(demo: _Demo) -> None:
    for key, (name, website, notes, culture) in ORGANIZATIONS.items():
        demo.orgs[key] = add_organization(
            demo.owner, OrganizationInput(name, website, notes, culture)
        )


def _names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    firsts = rng.sample(FIRST_NAMES, count)
    lasts = rng.sample(LAST_NAMES, count)
    return list(zip(firsts, lasts, strict=True))


def _birthday(demo: _Demo, kind: str) -> str:
    if kind == "today":
        return f"--{demo.today.month:02d}-{demo.today.day:02d}"
    if not kind:
        return ""
    month, day = demo.rng.randint(1, 12), demo.rng.randint(1, 28)
    if kind == "day":
        return f"--{month:02d}-{day:02d}"
    return f"{demo.rng.randint(1958, 1996)}-{month:02d}-{day:02d}"


def _add_people(demo: _Demo) -> None:
    names = _names(demo.rng, len(PEOPLE))
    for (key, spec), (first, last) in zip(PEOPLE.items(), names, strict=True):
        org_key, title, situation, tags, how_met, cadence, birthday = spec
        org = demo.orgs[org_key] if org_key else None
        domain = ORGANIZATIONS[org_key][1] if org_key else "mail.example.org"
        local = f"{first}.{last}".lower().replace("'", "")
        introducer = INTRODUCED_BY.get(key)
        demo.people[key] = add_person(
            demo.owner,
            PersonInput(
                name=f"{first} {last}",
                emails=[f"{local}@{domain}"],
                phones=[f"+1 555 01{demo.rng.randint(10, 99)}"] if cadence else [],
                organization=org,
                title=title,
                situation=situation,
                how_met=how_met,
                met_on=demo.day(120, jitter=900) if how_met else None,
                introduced_by=demo.people[introducer] if introducer else None,
                birthday=_birthday(demo, birthday),
                tags=tags,
                cadence_days=cadence,
            ),
        )


# key: (organization, role, source, referred by, interest, days ago added, posting url path)
OPPORTUNITIES = {
    "northwind": ("northwind", "Senior Product Manager, Platform", "referral", "ex_northwind", 5,
                  44, ""),
    "bluefield": ("bluefield", "Product Lead, Patient Experience", "recruiter", None, 4, 62, ""),
    "cedar": ("cedar", "Group Product Manager", "referral", "alum_cedar", 5, 56, ""),
    "meridian": ("meridian", "Product Manager, Digital Banking", "recruiter", None, 3, 20, ""),
    "harborlight": ("harborlight", "Senior Product Manager, Fleet Tools", "posting", None, 4, 13,
                    "careers/senior-pm-fleet"),
    "lumen": ("lumen", "Product Manager, Learning Platform", "posting", None, 3, 10,
              "jobs/pm-learning-platform"),
    "foxglove": ("foxglove", "Product Manager, Live Ops", "network", None, 2, 4, ""),
    "tallgrass": ("tallgrass", "Product Owner, Member Portal", "referral", "tallgrass_po", 3, 2,
                  ""),
    "quillstone": ("quillstone", "Digital Product Manager", "posting", None, 4, 96,
                   "careers/digital-pm"),
    "riverbend": ("riverbend", "Product Manager (contract)", "referral", "friend_riverbend", 2,
                  76, ""),
    "summit": ("summit", "Senior Product Manager (confidential client)", "recruiter", None, 3,
               51, ""),
    "meridian_apm": ("meridian", "Associate Product Manager", "recruiter", None, 1, 40, ""),
}

# The job itself, as a posting would say it (issue 13); "apply_in" is days from today.
JOBS = {
    "northwind": {"location": "Chicago, IL", "remote": True, "salary_min": 165000,
                  "salary_max": 190000, "salary_currency": "USD", "salary_unit": "year",
                  "tags": ["platform", "b2b"]},
    "harborlight": {"location": "Seattle, WA", "salary_min": 150000, "salary_max": 175000,
                    "salary_currency": "USD", "salary_unit": "year", "tags": ["logistics"],
                    "description": "Own the tools our dispatchers and drivers use every day.\n\n"
                                   "Work with design and two engineering teams."},
    "lumen": {"location": "Remote (US)", "remote": True, "salary_min": 130000,
              "salary_max": 150000, "salary_currency": "USD", "salary_unit": "year",
              "tags": ["edtech"]},
    "foxglove": {"location": "Austin, TX", "tags": ["games"], "apply_in": 9},
    "tallgrass": {"location": "Des Moines, IA", "salary_min": 62, "salary_max": 70,
                  "salary_currency": "USD", "salary_unit": "hour", "apply_in": 2},
}

# The moves each opportunity made, as (stage, days ago); interviews move some by themselves.
MOVES = {
    "northwind": [("applied", 42), ("screening", 30)],
    "bluefield": [("applied", 60), ("screening", 50)],
    "cedar": [("applied", 54)],
    "meridian": [("applied", 18), ("screening", 6)],
    "harborlight": [("applied", 12)],
    "lumen": [("applied", 9)],
    "quillstone": [("applied", 93)],
    "riverbend": [("applied", 74), ("screening", 65), ("withdrawn", 45)],
    "summit": [("applied", 49), ("let_go", 10)],
    "meridian_apm": [("screening", 35), ("declined", 28)],
}

INVOLVED = {
    "northwind": [("hm_northwind", "hiring_manager")],
    "bluefield": [("rec_bluefield", "recruiter"), ("hm_bluefield", "hiring_manager")],
    "cedar": [("hm_cedar", "hiring_manager")],
    "meridian": [("rec_meridian", "recruiter"), ("hm_meridian", "hiring_manager")],
    "harborlight": [("hm_harborlight", "hiring_manager")],
    "quillstone": [("hm_quillstone", "hiring_manager")],
    "summit": [("rec_summit", "recruiter"), ("rec_summit_partner", "recruiter")],
    "meridian_apm": [("rec_meridian", "recruiter")],
}


def _add_opportunities(demo: _Demo) -> None:
    for key, (org, role, source, referrer, interest, added, path) in OPPORTUNITIES.items():
        website = ORGANIZATIONS[org][1]
        opp = add_opportunity(
            demo.owner,
            OpportunityInput(
                role=role,
                organization=demo.orgs[org],
                source=source,
                referred_by=demo.people[referrer] if referrer else None,
                interest=interest,
                posting_url=f"https://{website}/{path}" if path else "",
                job=_job(demo, key),
            ),
            demo.day(added),
        )
        for person, role_name in INVOLVED.get(key, []):
            involve(demo.owner, opp, demo.people[person], role_name)
        demo.opps[key] = opp


def _job(demo: _Demo, key: str) -> JobFields | None:
    fields = dict(JOBS.get(key, {}))
    if not fields:
        return None
    apply_in = fields.pop("apply_in", None)
    if apply_in is not None:
        fields["apply_by"] = demo.today + dt.timedelta(days=apply_in)
    return JobFields(**fields)


def _move(demo: _Demo, key: str, stage: str, days_ago: int, deadline: dt.date | None = None):
    demo.opps[key] = move(demo.owner, demo.opps[key], stage, on=demo.day(days_ago),
                          deadline=deadline)


def _log_pipeline(demo: _Demo) -> None:
    """Each opportunity's story, in order: applications, interviews, thank-yous, outcomes."""
    for key, moves in MOVES.items():
        for stage, days_ago in moves:
            if stage in {"applied", "screening"}:
                _move(demo, key, stage, days_ago)
    _northwind(demo)
    _bluefield(demo)
    _cedar(demo)
    _smaller_leads(demo)
    _closed(demo)


def _thank(demo: _Demo, people: list[str], days_ago: int, opp: str) -> None:
    for person in people:
        demo.log("email", person, days_ago, opp=opp, summary="Thank-you note after the interview.")


def _northwind(demo: _Demo) -> None:
    demo.log("email", "ex_northwind", 45, asked=True, awaiting_reply=True,
             summary="Asked whether she would refer me for the platform PM role.")
    demo.log("email", "ex_northwind", 44, direction="in", opp="northwind",
             summary="Happy to refer me; submitted my name to the VP of Product.")
    demo.log("call", "hm_northwind", 30, direction="in", opp="northwind",
             summary="Screening call about the platform roadmap.")
    demo.log("interview", "hm_northwind", 21, at=dt.time(10, 0), opp="northwind",
             summary="First round: product sense and roadmap trade-offs.",
             rapport_note="We both cycle to work and compared routes along the canal.")
    _thank(demo, ["hm_northwind"], 20, "northwind")
    demo.log("interview", ["int_northwind_eng", "int_northwind_design"], 10, at=dt.time(14, 0),
             opp="northwind", decision_date=demo.today,
             summary="Panel: API design exercise and a design critique.",
             rapport={"int_northwind_eng": "Talked about accessibility audits.",
                      "int_northwind_design": "A shared love of board games."})
    _thank(demo, ["int_northwind_eng", "int_northwind_design"], 9, "northwind")


def _bluefield(demo: _Demo) -> None:
    demo.log("call", "rec_bluefield", 50, direction="in", opp="bluefield",
             summary="Recruiter screen: salary range confirmed, hybrid three days a week.")
    demo.log("interview", "hm_bluefield", 35, at=dt.time(9, 30), opp="bluefield",
             decision_date=demo.day(28),
             summary="Hiring manager interview about the patient app's first year.",
             rapport_note="Her daughter is starting at my old university in the autumn.")
    _thank(demo, ["hm_bluefield"], 34, "bluefield")
    demo.log("interview", ["int_bluefield_ops", "int_bluefield_eng"], 25, at=dt.time(13, 0),
             opp="bluefield", decision_date=demo.day(5),
             summary="Final round with clinical operations and engineering.",
             rapport={"int_bluefield_ops": "Swapped stories about night-shift nurses.",
                      "int_bluefield_eng": "Rolling out software to hospital wards."})
    _thank(demo, ["int_bluefield_ops", "int_bluefield_eng"], 24, "bluefield")
    demo.log("email", "hm_bluefield", 5, opp="bluefield",
             summary="Polite follow-up on the decision date.")
    # The offer arrives this morning, a week before Cedar & Pine decides.
    demo.log("call", "hm_bluefield", 0, direction="in", opp="bluefield",
             summary="Verbal offer; written offer to follow. Answer wanted within a week.")
    _move(demo, "bluefield", "offer", 0, deadline=demo.today + dt.timedelta(days=7))


def _cedar(demo: _Demo) -> None:
    demo.log("informational", "alum_cedar", 70, opp=None,
             summary="How product teams work at Cedar & Pine.",
             rapport_note="Both grew up near the coast and miss the sea.", asked=True)
    demo.log("email", "alum_cedar", 69, summary="Thank-you for the informational interview.")
    demo.log("email", "alum_cedar", 57, direction="in", opp="cedar",
             summary="Told me about the Group PM opening and offered to refer me.")
    demo.log("interview", "hm_cedar", 20, at=dt.time(11, 0), opp="cedar",
             summary="Hiring manager conversation about scaling the scheduling product.",
             rapport_note="He is training for his first marathon; I ran one last spring.")
    _thank(demo, ["hm_cedar"], 19, "cedar")
    # Yesterday's panel: the thank-you notes are still to write (the agenda shows them).
    demo.log("interview", ["int_cedar_pm", "int_cedar_ux"], 1, at=dt.time(15, 0), opp="cedar",
             decision_date=demo.today + dt.timedelta(days=14),
             summary="Panel with a senior PM and a UX researcher: a case study walk-through.",
             rapport={"int_cedar_pm": "We both moved here from the coast.",
                      "int_cedar_ux": "She volunteers at the library's coding club."})


def _smaller_leads(demo: _Demo) -> None:
    demo.log("call", "rec_meridian", 6, direction="in", opp="meridian",
             summary="Recruiter screen; hiring manager call to be scheduled.")
    demo.log("email", "ex_harborlight", 28, asked=True,
             summary="Asked for an introduction to Harborlight's product leadership.")
    demo.log("email", "ex_harborlight", 26, direction="in",
             summary="Introduced me to the Chief Product Officer by email.")
    demo.log("email", "hm_harborlight", 8, opp="harborlight", awaiting_reply=True,
             summary="Sent my application note and asked for 20 minutes to talk.")
    demo.log("informational", "ex_foxglove", 5, rapport_note="Her team adopted a rescue greyhound.",
             summary="Heard about the Live Ops opening; not posted yet.")
    demo.log("email", "ex_foxglove", 4, summary="Thanks for the chat and the heads-up.")
    demo.log("informational", "tallgrass_po", 3, opp="tallgrass",
             summary="What the member portal rebuild needs; offered to refer me.",
             rapport_note="We both restore old bicycles.")
    demo.log("email", "tallgrass_po", 2, opp="tallgrass", summary="Thank-you and my résumé.")


def _closed(demo: _Demo) -> None:
    demo.log("interview", ["hm_quillstone", "int_quillstone"], 80, at=dt.time(10, 30),
             opp="quillstone", decision_date=demo.day(70),
             summary="Interview about the digital textbook platform.",
             rapport={"hm_quillstone": "Talked about our favourite children's books.",
                      "int_quillstone": "He reads to his twins every night."})
    _thank(demo, ["hm_quillstone", "int_quillstone"], 79, "quillstone")
    demo.log("email", "hm_quillstone", 70, opp="quillstone",
             summary="Polite follow-up on the decision date.")
    demo.log("email", "hm_quillstone", 66, direction="in", opp="quillstone", clear_no=True,
             summary="They chose an internal candidate; happy to stay in touch.")
    _move(demo, "quillstone", "rejected", 66)
    demo.log("call", "friend_riverbend", 65, opp="riverbend",
             summary="Talked through the contract role over the phone.")
    demo.log("email", "friend_riverbend", 45, opp="riverbend", gave=True,
             summary="Withdrew: it is a six-month contract. Offered to help find someone.")
    _move(demo, "riverbend", "withdrawn", 45)
    demo.log("email", "rec_summit", 48, opp="summit", awaiting_reply=True,
             summary="Sent my résumé for the confidential client's role.")
    demo.log("email", "rec_summit", 40, opp="summit", awaiting_reply=True,
             summary="Nudge: still interested, happy to answer questions.")
    demo.log("email", "rec_summit", 32, opp="summit", awaiting_reply=True,
             summary="Second nudge.")
    demo.log("email", "rec_summit", 10, opp="summit",
             summary="Thanked her and said I am moving on; glad to stay in touch.")
    _move(demo, "summit", "let_go", 10)
    demo.log("call", "rec_meridian", 35, direction="in", opp="meridian_apm",
             summary="Associate PM role: too junior, and the pay does not fit.")
    _move(demo, "meridian_apm", "declined", 28)


def _log_networking(demo: _Demo) -> None:
    """The networking around the pipeline: coffees, informationals, the group, gives and asks."""
    group = ["buddy", "seeker_ops", "seeker_marketing", "seeker_engineer", "coach"]
    for days_ago in range(112, 0, -14):
        present = [p for p in group if demo.rng.random() < 0.8] or ["coach"]
        demo.log("meeting", present, days_ago, summary="Tuesday networking group.")
    for days_ago in (110, 80, 45, 15):
        demo.log("coffee", "mentor", days_ago, jitter=2,
                 summary="Monthly coffee: where the search stands.",
                 rapport_note="She is writing a book on product leadership.")
    demo.log("email", "mentor", 44, gave=True, summary="Sent her an article for her book.")
    informationals = [
        ("retired_cto", 90, "How to pitch platform work to a board.", "Sailing on the lake."),
        ("alum_lumen", 60, "Lumen's product org and how they hire.", "Same favourite professor."),
        ("alum_consultant", 50, "Consulting as a bridge between jobs.", "Sourdough baking."),
        ("neighbour", 40, "What Meridian's digital team is like.", "Our dogs are litter-mates."),
        ("alum_tallgrass", 35, "Co-operatives and their member portals.", "Both coach football."),
        ("lumen_eng", 22, "How engineering and product split work at Lumen.", "Jazz records."),
    ]
    for person, days_ago, summary, rapport in informationals:
        demo.log("informational", person, days_ago, jitter=1, summary=summary,
                 rapport_note=rapport)
        demo.log("email", person, days_ago - 1, summary="Thank-you for your time.")
    _asks_and_gives(demo)


def _asks_and_gives(demo: _Demo) -> None:
    demo.log("email", "ex_northwind", 15, asked=True,
             summary="Asked whether she could put in a good word with the panel.")
    demo.log("message", "seeker_marketing", 30, gave=True,
             summary="Shared an article on portfolio case studies.")
    demo.log("email", ["buddy", "neighbour"], 25, gave=True,
             summary="Introduced my search buddy to my neighbour, who hires designers.")
    demo.log("message", "alum_lumen", 12, gave=True, summary="Congratulations on the promotion!")
    demo.log("message", "seeker_engineer", 20, direction="in",
             summary="Thanks for the résumé feedback.")
    demo.log("email", "alum_student", 3, awaiting_reply=True,
             summary="Offered to review her internship applications; asked when suits her.")
    demo.log("email", "conference", 9, awaiting_reply=True,
             summary="Followed up on our chat after the ProductCamp talk.")
    demo.log("call", "rec_independent", 55, direction="in",
             summary="Checking in; nothing suitable right now.")
    demo.log("call", "ex_seeking", 40, summary="Caught up; he is interviewing at two fintechs.")
    demo.log("coffee", "seeker_analyst", 33, jitter=3, summary="Compared notes on the market.")


def _add_tasks(demo: _Demo) -> None:
    owner, today = demo.owner, demo.today
    add_task(owner, "Update the portfolio case study on the checkout redesign", today,
             today=today, reason="Northwind and Cedar & Pine both asked to see it.")
    add_task(owner, "Send the list of references", demo.day(2), today=today,
             person=demo.people["hm_northwind"], opportunity=demo.opps["northwind"],
             reason="Promised after the panel interview.")
    add_task(owner, "Ask for advice on negotiating the offer", today, today=today,
             person=demo.people["coach"], opportunity=demo.opps["bluefield"])
    add_task(owner, "Read Meridian's app reviews before the hiring manager call",
             today + dt.timedelta(days=2), today=today, opportunity=demo.opps["meridian"])
    renew = add_task(owner, "Renew the networking group membership", demo.day(7), today=today,
                     person=demo.people["coach"])
    snooze(owner, renew, today + dt.timedelta(days=3), today=today)
