"""``followthrough person ...`` and ``followthrough org ...``: exact output, JSON, errors."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine

from followthrough.tracker.models import Interaction, Opportunity, Organization, Person, Task
from followthrough.tracker.services.owners import local_owner
from tests.cli_helpers import failure, ok, run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        yield




def test_person_add_prints_the_new_id_and_saves_every_field():
    out = ok(
        "person", "add", "Ada Lovelace",
        "--email", "ada@example.com", "--email", "ada@work.example",
        "--phone", "+1 555 0100", "--linkedin", "linkedin.com/in/ada",
        "--org", "Acme", "--title", "CTO", "--situation", "hiring manager",
        "--cadence", "30", "--tag", "mentor", "--tag", "python",
        "--how-met", "PyCon hallway", "--notes", "Knows everyone.",
    )  # fmt: skip
    ada = Person.objects.get(name="Ada Lovelace")
    assert out == f"Added Ada Lovelace (id {ada.pk}).\n"
    assert ada.owner == local_owner()
    assert ada.emails == ["ada@example.com", "ada@work.example"]
    assert ada.phones == ["+1 555 0100"]
    assert ada.linkedin_url == "https://linkedin.com/in/ada"
    assert ada.organization.name == "Acme"
    assert (ada.title, ada.situation, ada.cadence_days) == ("CTO", "hiring_manager", 30)
    assert sorted(t.name for t in ada.tags.all()) == ["mentor", "python"]
    assert (ada.how_met, ada.notes) == ("PyCon hallway", "Knows everyone.")


@pytest.mark.parametrize(
    "args",
    [["--birthday", "--03-04"], ["--birthday=--03-04"], ["--birthday", "--0304"]],
    ids=["separate", "glued", "vcard"],
)
def test_a_birthday_without_a_year_works_in_every_spelling(args):
    ok("person", "add", "Bo", *args)
    bo = Person.objects.get(name="Bo")
    assert (bo.birthday_year, bo.birthday_month, bo.birthday_day) == (None, 3, 4)


def test_a_birthday_with_a_year_is_kept_whole():
    ok("person", "add", "Bo", "--birthday", "1990-07-14")
    assert Person.objects.get(name="Bo").birthday_display == "1990-07-14"


def test_person_add_json_prints_only_the_person_with_its_id():
    data = json.loads(ok("person", "add", "Ada", "--org", "Acme", "--birthday=--12-10", "--json"))
    ada = Person.objects.get()
    assert data["id"] == ada.pk
    assert data["name"] == "Ada"
    assert data["organization"] == "Acme"
    assert data["organization_id"] == ada.organization_id
    assert data["birthday"] == "--12-10"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--email", "not-an-address"],
            "error: --email: 'not-an-address' is not an email address.\n",
        ),
        (["--situation", "bored"], "error: --situation: 'bored' is not one of"),
        (["--birthday", "--13-01"], "error: --birthday: '--13-01' is not a day of the year.\n"),
        (["--birthday", "--02-30"], "error: --birthday: February has no day 30.\n"),
        (["--cadence", "monthly"], "error: --cadence: 'monthly' is not a whole number.\n"),
        (["--met-on", "yesterday"], "error: --met-on: 'yesterday' is not a date;"),
        (["--met-on", "2026-02-30"], "error: --met-on: '2026-02-30' is not a date: February 2026"),
        (["--linkedin", "linkedin"], "error: --linkedin: 'linkedin' is not a web address;"),
    ],
)
def test_bad_input_is_one_error_line_and_nothing_is_saved(args, message):
    assert failure("person", "add", "Ada", "--org", "Acme", *args).startswith(message)
    assert not Person.objects.exists()
    assert not Organization.objects.exists()


def test_person_list_shows_a_plain_table_without_colour_codes():
    ok("person", "add", "Ada Lovelace", "--org", "Acme", "--title", "CTO", "--tag", "[bold]x")
    ok("person", "add", "Bo Diddley", "--situation", "seeking")
    out = ok("person", "list")
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "┃", "Name", "┃", "Organization", "┃", "Title", "┃",
                                "Situation", "┃", "Tags"]  # fmt: skip
    ada_line = next(line for line in lines if "Ada Lovelace" in line)
    assert "Acme" in ada_line and "CTO" in ada_line and "[bold]x" in ada_line
    assert "Seeking" in next(line for line in lines if "Bo Diddley" in line)


def test_person_list_filters_by_search_situation_tag_and_org():
    ok("person", "add", "Ada", "--org", "Acme", "--tag", "mentor", "--situation", "employed")
    ok("person", "add", "Bo", "--org", "Globex", "--situation", "seeking")

    def names(*args: str) -> list[str]:
        return [p["name"] for p in json.loads(ok("person", "list", "--json", *args))]

    assert names() == ["Ada", "Bo"]
    assert names("--search", "globex") == ["Bo"]
    assert names("--situation", "employed") == ["Ada"]
    assert names("--tag", "MENTOR") == ["Ada"]
    assert names("--org", "acme") == ["Ada"]
    assert failure("person", "list", "--org", "Initech") == (
        "error: org: no organization called 'Initech'.\n"
    )


def test_an_empty_list_says_how_to_start():
    assert ok("person", "list") == "No people yet; add one with `followthrough person add NAME`.\n"
    assert ok("person", "list", "--search", "zzz") == "Nobody matches.\n"
    assert json.loads(ok("person", "list", "--json")) == []


def _ada_with_history() -> Person:
    ok("person", "add", "Ada Lovelace", "--org", "Acme", "--cadence", "30")
    ok("opp", "add", "Staff Engineer", "--org", "Acme", "--referred-by", "Ada")
    ok("log", "coffee", "--with", "Ada", "--on", "2026-02-20", "-m", "Talked about rowing")
    ok("task", "add", "Send Ada the article", "--person", "Ada", "--due", "2026-03-04")
    return Person.objects.get(name="Ada Lovelace")


def test_person_show_prints_their_timeline_opportunities_and_tasks():
    ada = _ada_with_history()
    out = ok("person", "show", "ada")
    assert out.startswith(f"Ada Lovelace (id {ada.pk})\n  Organization: Acme\n")
    assert "  Keep in touch: every 30 days\n" in out
    assert "Timeline" in out and "Fri 20 Feb 2026" in out and "Talked about rowing" in out
    assert "Staff Engineer" in out and "Referrer" in out
    assert "Send Ada the article" in out and "Wed 4 Mar 2026" in out


def test_person_show_json_has_the_person_and_everything_around_them():
    ada = _ada_with_history()
    data = json.loads(ok("person", "show", str(ada.pk), "--json"))
    assert data["id"] == ada.pk and data["cadence_days"] == 30
    assert [i["summary"] for i in data["interactions"]] == ["Talked about rowing"]
    assert [o["role"] for o in data["opportunities"]] == ["Staff Engineer"]
    assert [t["title"] for t in data["tasks"]] == ["Send Ada the article"]
    assert data["tasks"][0]["id"] == Task.objects.get().pk


def test_an_unknown_person_is_one_line_naming_the_fix():
    assert failure("person", "show", "Zed") == (
        "error: person: nobody called 'Zed' yet; add them first with `followthrough person add`.\n"
    )


def test_an_ambiguous_name_lists_both_candidates_with_their_ids():
    ok("person", "add", "Ada Lovelace", "--org", "Acme")
    ok("person", "add", "Ada Byron")
    lovelace, byron = Person.objects.get(name="Ada Lovelace"), Person.objects.get(name="Ada Byron")
    assert failure("person", "show", "Ada") == (
        f"error: person: 'Ada' could be Ada Byron (id {byron.pk}); "
        f"Ada Lovelace (id {lovelace.pk}) at Acme. Choose one by its id,"
        f" e.g. 'Ada Byron (id {byron.pk})'.\n"
    )


def test_another_owners_people_are_invisible(outsider):
    Person.objects.create(owner=outsider, name="Olive's contact")
    assert json.loads(ok("person", "list", "--json")) == []
    assert "nobody called" in failure("person", "show", "Olive")
    other = Person.objects.get()
    no_such = f"error: person: no person with id {other.pk}.\n"
    assert failure("person", "show", str(other.pk)) == no_such


def test_person_edit_changes_only_what_it_is_given():
    ok("person", "add", "Ada", "--org", "Acme", "--title", "CTO", "--tag", "a", "--cadence", "30")
    out = ok("person", "edit", "Ada", "--title", "CEO", "--birthday", "--12-10")
    ada = Person.objects.get()
    assert out == f"Updated Ada (id {ada.pk}).\n"
    assert (ada.title, ada.organization.name, ada.cadence_days) == ("CEO", "Acme", 30)
    assert ada.birthday_display == "--12-10"
    assert [t.name for t in ada.tags.all()] == ["a"]
    ok("person", "edit", str(ada.pk), "--org", "", "--cadence", "", "--name", "Ada L.")
    ada.refresh_from_db()
    assert (ada.name, ada.organization, ada.cadence_days) == ("Ada L.", None, None)


def test_a_bad_edit_changes_nothing():
    ok("person", "add", "Ada", "--title", "CTO")
    assert failure("person", "edit", "Ada", "--title", "CEO", "--email", "nope").startswith(
        "error: --email:"
    )
    assert Person.objects.get().title == "CTO"


def test_person_delete_asks_first_and_deletes_with_yes():
    ok("person", "add", "Ada")
    result = run("person", "delete", "Ada", input="n\n")
    assert result.exit_code == 1 and Person.objects.exists()
    pk = Person.objects.get().pk
    assert ok("person", "delete", "Ada", "--yes") == f"Deleted Ada (id {pk}).\n"
    assert not Person.objects.exists()


def test_person_delete_keeps_the_interactions_with_others():
    ok("person", "add", "Ada")
    ok("person", "add", "Bo")
    ok("log", "meeting", "--with", "Ada", "--with", "Bo")
    ok("person", "delete", "Bo", "-y")
    assert [p.name for p in Interaction.objects.get().people.all()] == ["Ada"]


def test_org_add_list_and_show():
    out = ok("org", "add", "Acme", "--website", "acme.example", "--notes", "Rockets.")
    acme = Organization.objects.get()
    assert out == f"Added Acme (id {acme.pk}).\n"
    assert acme.website == "https://acme.example"
    ok("person", "add", "Ada", "--org", "acme")
    ok("opp", "add", "Engineer", "--org", str(acme.pk))
    listed = json.loads(ok("org", "list", "--json"))
    assert listed == [
        {
            "id": acme.pk,
            "name": "Acme",
            "website": "https://acme.example",
            "notes": "Rockets.",
            "culture_notes": "",
            "people_count": 1,
            "opportunity_count": 1,
        }
    ]
    shown = json.loads(ok("org", "show", "ACME", "--json"))
    assert [p["name"] for p in shown["people"]] == ["Ada"]
    assert [o["role"] for o in shown["opportunities"]] == ["Engineer"]
    text = ok("org", "show", "Acme")
    assert text.startswith(f"Acme (id {acme.pk})\n  Website: https://acme.example\n")
    assert "Ada" in text and "Engineer" in text
    assert "Acme" in ok("org", "list")


def test_org_errors_are_one_line():
    ok("org", "add", "Acme")
    assert failure("org", "add", "acme") == (
        "error: name: you already have an organization called 'acme'.\n"
    )
    assert failure("org", "show", "Globex") == "error: org: no organization called 'Globex'.\n"
    assert failure("org", "add", "Initech", "--website", "not a url") == (
        "error: --website: 'not a url' is not a web address; paste the link,"
        " e.g. https://example.com\n"
    )
    assert Opportunity.objects.count() == 0 and Organization.objects.count() == 1
