"""A generated class: Lena leads twenty members, paired as buddies, with varied consents.

Deterministic (a seeded random), so a failure can be replayed. Member ``i``:
- shares the week with the leader when ``i % 3 != 0``, with the buddy when ``i % 2 == 0``;
- shares "landed" with both when ``i % 4 == 0``;
- has been quiet for two weeks when ``i % 5 == 0``, else reached out this week.
Member 4 accepts an offer (and shares it); member 5 (quiet, shares nothing) lands silently.
"""

from __future__ import annotations

import datetime as dt
import random

from followthrough.club.models import Consent, Membership
from followthrough.club.services import buddies, groups
from followthrough.tracker.models import Direction, Interaction, Kind, Person
from followthrough.tracker.services.opportunities import OpportunityInput, add_opportunity, move

from .conftest import make_user

NAMES = ["Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lia",
         "Mo", "Nell", "Omar", "Pia", "Quin", "Rosa", "Sol", "Tess"]


class ClassOfTwenty:
    def __init__(self, today: dt.date, size: int = 20, domain: str = "example.com"):
        rng = random.Random(14)
        self.today = today
        self.lena = make_user(f"lena@{domain}", "Lena")
        self.group = groups.create_group(self.lena, name="Tuesday job club, spring class",
                                         starts_on=today - dt.timedelta(days=15), weeks=8)
        self.members: list[Membership] = []
        for name in NAMES[:size]:
            user = make_user(f"{name.lower()}@{domain}", name)
            self.members.append(groups.join(user, self.group.token))
        for first, second in zip(self.members[0::2], self.members[1::2], strict=True):
            buddies.pair(first, second, by_leader=True)
        for i, m in enumerate(self.members):
            m.refresh_from_db()
            self._consents(i, m)
            self._activity(i, m, rng)

    @staticmethod
    def _consents(i: int, m: Membership) -> None:
        wanted = []
        if i % 3 != 0:
            wanted.append(("leader", "week"))
        if i % 2 == 0:
            wanted.append(("buddy", "week"))
        if i % 4 == 0:
            wanted += [("leader", "landed"), ("buddy", "landed")]
        for audience, topic in wanted:
            Consent.objects.create(membership=m, audience=audience, topic=topic)

    def _activity(self, i: int, m: Membership, rng: random.Random) -> None:
        user = m.member
        last = self.today - dt.timedelta(days=14 if i % 5 == 0 else rng.randint(0, 2))
        contact = Person.objects.create(owner=user, name=f"Contact of {m.display_name}",
                                        notes=f"SECRET note {i}")
        for k in range(rng.randint(1, 4)):
            chat = Interaction.objects.create(
                owner=user, kind=Kind.EMAIL, direction=Direction.OUTBOUND,
                occurred_on=last - dt.timedelta(days=k), summary=f"Hello from {i}",
            )
            chat.people.add(contact)

    def member(self, name: str) -> Membership:
        return next(m for m in self.members if m.display_name == name)

    def land(self, name: str, on: dt.date):
        user = self.member(name).member
        opp = add_opportunity(user, OpportunityInput(role="Analyst", organization="Acme"), on)
        return move(user, opp, "accepted", on=on)
