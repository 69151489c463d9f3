"""Mail in real Chromium: a seeker gives their address, imports an mbox on the Import page,
adds someone they wrote with in one click, and handles a suggestion on Today."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from followthrough.mail import service
from followthrough.tracker.models import Interaction, Opportunity, Organization, Person, Stage
from followthrough.tracker.services.owners import local_owner

pytestmark = pytest.mark.browser
SAMPLES = Path(__file__).resolve().parent.parent / "mail" / "samples"


@pytest.fixture
def seeker(transactional_db):
    owner = local_owner()
    Person.objects.create(owner=owner, name="Renée Dupré", emails=["renee@acme.example"])
    return owner


def test_address_import_and_one_click_add(page, seeker):
    page.goto("/settings/")
    page.get_by_label("Your email addresses").fill("sam@example.com")
    page.get_by_role("button", name="Save addresses").click()
    expect(page.get_by_text("Your email addresses are saved.")).to_be_visible()
    page.goto("/import/")
    page.get_by_label("Kind of file").select_option("mbox")
    page.locator("input[name=mail-file]").set_input_files(str(SAMPLES / "thunderbird.mbox"))
    page.get_by_role("button", name="Import mail or calendar").click()
    expect(
        page.get_by_role("heading", name="People you wrote with who are not here yet")
    ).to_be_visible()
    expect(page.get_by_text("3 messages read: 2 logged")).to_be_visible()
    page.get_by_role("button", name="Add Pat Unknown").click()
    expect(page.get_by_text("Everyone you wrote with is here.")).to_be_visible()
    assert Interaction.objects.filter(owner=seeker).count() == 2
    assert Person.objects.filter(owner=seeker, name="Pat Unknown").exists()


def test_a_rejection_suggestion_is_accepted_on_today(page, seeker):
    from followthrough.mail import settings as mail_settings

    mail_settings.update(seeker, my_emails=["sam@example.com"])
    initech = Organization.objects.create(owner=seeker, name="Initech")
    Person.objects.create(owner=seeker, name="Jörg Müller", emails=["joerg@initech.example"],
                          organization=initech)  # fmt: skip
    opp = Opportunity.objects.create(owner=seeker, organization=initech, role="Engineer",
                                     stage=Stage.APPLIED)  # fmt: skip
    service.import_eml_bytes(seeker, [("absage.eml", (SAMPLES / "absage.eml").read_bytes())])
    page.goto("/")
    expect(page.get_by_role("heading", name="From your mail")).to_be_visible()
    page.get_by_role("button", name="Mark rejected and thank them").click()
    joerg = Person.objects.get(name="Jörg Müller")
    expect(page).to_have_url(re.compile(rf"/drafts/people/{joerg.pk}/\?template=let-go"))
    opp.refresh_from_db()
    assert opp.stage == Stage.REJECTED


def test_the_cards_of_a_settings_page_share_one_width(page, seeker):
    """Issue 13: on /mail/ (and /digest/) the Sync card and the form cards below it are
    as wide as each other, on a wide screen and on a phone."""
    from followthrough.mail.settings import mail_settings

    from .artifacts import DESKTOP, PHONE, keep

    settings = mail_settings(seeker)
    settings.imap_host, settings.imap_user = "imap.example.com", "sam@example.com"
    settings.save()
    widths = """() => [...document.querySelectorAll('.columns > :first-child > .card')]
        .map(card => Math.round(card.getBoundingClientRect().width))"""
    for viewport, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page.set_viewport_size(viewport)
        for url in ("/mail/", "/digest/"):
            page.goto(url)
            found = page.evaluate(widths)
            assert len(found) >= 2 and len(set(found)) == 1, (url, viewport, found)
        page.goto("/mail/")
        expect(page.locator("#sync-heading + p")).to_contain_text("INBOX and the Sent folder.")
        keep(page, f"mail-settings-{name}")
