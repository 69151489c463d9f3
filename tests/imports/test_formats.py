"""Each format, read from the real fixture files plus rows written the way exporters write them."""

from __future__ import annotations

import datetime as dt

import pytest

from followthrough.imports import reading
from followthrough.tracker.models import Organization, Person

from .conftest import FIXTURES, fixture_text, run_import

pytestmark = pytest.mark.django_db

ROWS_2025 = (
    "Ada ,Lovelace ,https://www.linkedin.com/in/ada-lovelace,ada@example.com,Acme,CTO,04 Dec 2025\n"
    "José,Núñez,https://www.linkedin.com/in/jos%C3%A9-n%C3%BA%C3%B1ez,,Beta Corp,Engineer,"
    "20 Nov 2025\n"
    ",,,,,,03 Mar 2025\n"
    "Grace,Hopper,https://www.linkedin.com/in/grace,,,,01 Jan 2024"  # no final newline
)


def test_the_2025_layout_with_its_notes_preamble_imports_every_named_row(owner, write):
    path = write(
        "Connections.csv", fixture_text("Connections_2025-12_preamble_header.csv") + ROWS_2025
    )

    outcome = run_import(owner, path)

    assert outcome.kind == "linkedin"
    assert (outcome.people_created, outcome.organizations_created) == (3, 2)
    assert outcome.skipped == [(7, "no name (a hidden profile): nothing to import.")]
    ada = Person.objects.get(owner=owner, name="Ada Lovelace")
    assert ada.emails == ["ada@example.com"]
    assert (ada.title, ada.organization.name, ada.how_met) == ("CTO", "Acme", "LinkedIn")
    assert ada.met_on == dt.date(2025, 12, 4)
    jose = Person.objects.get(owner=owner, name="José Núñez")
    assert jose.linkedin_url == "https://www.linkedin.com/in/josé-núñez"
    assert Person.objects.get(name="Grace Hopper").organization is None


def test_the_2021_layout_without_a_url_column(owner, write):
    rows = "Ben,Okafor,ben@example.com,Acme,Recruiter,12 Nov 2021\n"
    path = write("c.csv", fixture_text("Connections_2021-11_preamble_header_noURL.csv") + rows)

    outcome = run_import(owner, path, "linkedin")

    ben = Person.objects.get(owner=owner)
    assert outcome.people_created == 1
    assert (ben.name, ben.emails, ben.linkedin_url) == ("Ben Okafor", ["ben@example.com"], "")
    assert ben.met_on == dt.date(2021, 11, 12)


def test_the_2018_layout_with_us_dates_and_times(owner, write):
    rows = 'Cleo,Park,,Initech,Analyst,"1/8/18, 6:14 PM"\nDan,Wu,,,,"12/31/17, 9:02 AM"\n'
    path = write("c.csv", fixture_text("Connections_2018_header.csv") + rows)

    run_import(owner, path)

    met = dict(Person.objects.values_list("name", "met_on"))
    assert met == {"Cleo Park": dt.date(2018, 1, 8), "Dan Wu": dt.date(2017, 12, 31)}


def test_a_file_resaved_by_a_spreadsheet_with_crlf_and_short_dates(owner, write):
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Eve,Marsh,https://www.linkedin.com/in/eve,,Acme,PM,20-Mar-24\r\n"
    )
    run_import(owner, write("c.csv", text))

    assert Person.objects.get().met_on == dt.date(2024, 3, 20)


def test_google_contacts_current_layout(owner, write):
    text = (
        "First Name,Middle Name,Last Name,Organization Name,Organization Title,Birthday,Notes,"
        "Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
        "Phone 1 - Label,Phone 1 - Value,Website 1 - Label,Website 1 - Value\n"
        "Hana,,Sato,Acme,Designer,--04-14,Met at a meetup,* myContacts ::: Design,Work,"
        "hana@acme.example ::: hana@home.example,,,Mobile,+1 555 0100,Profile,"
        "linkedin.com/in/hana\n"
        ",,,,,,,,,,,,,,,\n"
    )
    outcome = run_import(owner, write("contacts.csv", text))

    hana = Person.objects.get(owner=owner)
    assert outcome.kind == "google"
    assert hana.emails == ["hana@acme.example", "hana@home.example"]
    assert hana.phones == ["+1 555 0100"]
    assert (hana.birthday_year, hana.birthday_month, hana.birthday_day) == (None, 4, 14)
    assert hana.linkedin_url == "https://linkedin.com/in/hana"
    assert [t.name for t in hana.tags.all()] == ["Design"]


def test_google_contacts_older_layout(owner, write):
    text = (
        "Name,Given Name,Additional Name,Family Name,Birthday,Notes,Group Membership,"
        "E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,"
        "Organization 1 - Type,Organization 1 - Name,Organization 1 - Title\n"
        "Ian Chen,Ian,,Chen,1980-02-03,,* My Contacts,* Home,ian@example.com,Mobile,555 0101,,"
        "Globex,Director\n"
    )
    outcome = run_import(owner, write("google.csv", text))

    ian = Person.objects.get(owner=owner)
    assert outcome.kind == "google"
    assert (ian.name, ian.title, ian.organization.name) == ("Ian Chen", "Director", "Globex")
    assert ian.birthday_display == "1980-02-03"


def test_outlook_csv_in_windows_1252(owner, write):
    text = (
        "First Name,Middle Name,Last Name,Title,Suffix,E-mail Address,E-mail 2 Address,"
        "Business Phone,Mobile Phone,Job Title,Company,Birthday,Notes,Categories\n"
        "Renée,,Müller,Ms.,,renee@example.com,rm@example.com,555 0102,555 0103,Head of Talent,"
        "Société X,0/0/00,Très sympa,Recruiters;Paris\n"
    )
    outcome = run_import(owner, write("outlook.csv", text, "cp1252"))

    renee = Person.objects.get(owner=owner)
    assert outcome.kind == "outlook"
    assert renee.name == "Renée Müller"
    assert renee.emails == ["renee@example.com", "rm@example.com"]
    assert renee.phones == ["555 0103", "555 0102"]
    assert (renee.title, renee.organization.name, renee.notes) == (
        "Head of Talent", "Société X", "Très sympa",
    )  # fmt: skip
    assert renee.birthday_month is None
    assert outcome.notes == [
        "outlook.csv is not UTF-8, so it was read as Windows-1252; if accented letters look"
        " wrong, save it as UTF-8 and import it again."
    ]


@pytest.mark.parametrize(
    "fixture, name, emails, org, birthday",
    [
        ("ez-vcard__gmail-single.vcf", "Greg Dartmouth", ["gdartmouth@hotmail.com"],
         "TheCompany", "1960-09-10"),
        ("ez-vcard__rfc6350-example.vcf", "Simon Perreault", ["simon.perreault@viagenie.ca"],
         "Viagenie", "--02-03"),
        ("vobject__radicale-1587.vcf", "Given Family", [], None, ""),
        ("ez-vcard__outlook-2007.vcf", "Mr. Michael Angstadt Jr.", ["mike.angstadt@gmail.com"],
         "TheCompany", "1922-03-10"),
    ],
)  # fmt: skip
def test_the_real_vcard_files(owner, fixture, name, emails, org, birthday):
    outcome = run_import(owner, FIXTURES / fixture)

    person = Person.objects.get(owner=owner)
    assert outcome.kind == "vcard" and outcome.people_created == 1
    assert (person.name, person.emails, person.birthday_display) == (name, emails, birthday)
    assert (person.organization.name if person.organization else None) == org


def test_the_gmail_vcard_keeps_its_folded_note_and_both_phones(owner):
    run_import(owner, FIXTURES / "ez-vcard__gmail-single.vcf")

    greg = Person.objects.get(owner=owner)
    assert greg.notes.endswith("ACustomField: CustomField")
    assert greg.phones == ["555 555 1111", "555 555 2222"]
    assert greg.title == "TheJobTitle"


def test_the_vcard_21_file_decodes_its_quoted_printable_note(owner):
    run_import(owner, FIXTURES / "ez-vcard__outlook-2007.vcf")

    mike = Person.objects.get(owner=owner)
    assert mike.notes.startswith("This is the NOTE field")
    assert "It does not preserve the formatting" in mike.notes
    assert "(111) 555-3333" not in mike.phones  # the fax


def test_many_cards_with_cr_cr_lf_apple_birthdays_and_no_final_newline(owner, write):
    cards = (
        "BEGIN:VCARD\r\r\nVERSION:3.0\r\r\nFN:Kim Lee\r\r\n"
        "EMAIL;type=INTERNET:kim@example.com\r\r\n"
        "EMAIL;type=WORK:kim@work.example\r\r\nTEL;type=CELL:555 0104\r\r\n"
        "BDAY;value=date:1604-07-21\r\r\nORG:Acme;Sales\r\r\nTITLE:Account Exec\r\r\n"
        "NOTE:Loves sailing\\, and jazz\r\r\nEND:VCARD\r\r\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:Lou Ames\nBDAY:--1225\nURL:https://www.linkedin.com/in/l\n"
        " ou-ames\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nEND:VCARD"
    )
    outcome = run_import(owner, write("contacts.vcf", cards))

    kim, lou = Person.objects.filter(owner=owner).order_by("name")
    assert outcome.skipped == [(3, "no name and no email: nothing to import.")]
    assert kim.emails == ["kim@example.com", "kim@work.example"]
    assert kim.birthday_display == "--07-21"
    assert (kim.organization.name, kim.title, kim.notes) == (
        "Acme",
        "Account Exec",
        "Loves sailing, and jazz",
    )
    assert lou.birthday_display == "--12-25"
    assert lou.linkedin_url == "https://www.linkedin.com/in/lou-ames"


def test_the_kind_is_detected_from_the_file(write):
    assert reading.detect(FIXTURES / "ez-vcard__gmail-single.vcf", "x.vcf") == "vcard"
    li = write("x.csv", fixture_text("Connections_2018_header.csv"))
    assert reading.detect(li, "x.csv") == "linkedin"
    sheet = write("y.csv", "Company,Role\nAcme,Engineer\n")
    assert reading.detect(sheet, "y.csv") == "csv"


def test_organizations_are_matched_case_insensitively(owner, write):
    Organization.objects.create(owner=owner, name="ACME")
    rows = "Ada,L,,acme,CTO,04 Dec 2025\n"
    outcome = run_import(owner, write("c.csv", fixture_text("Connections_2018_header.csv") + rows))

    assert outcome.organizations_created == 0
    assert Person.objects.get().organization.name == "ACME"
