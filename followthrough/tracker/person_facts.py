"""The triggers that keep ``PersonFacts`` (a person's last contact, how often they helped).

Made and dropped with the change triggers (``tracker.triggers``), so every writer is
covered in its own transaction: logging, editing and deleting an interaction, the
importers, the mailbox, merging people, a restore, plain SQL.

* a person joins an interaction (``tracker_interaction_people`` insert): the last
  contact moves on to that interaction's day if later (a note is not a contact),
  and an ask or a meeting counts one more help (``helps``); cheap, a bulk import
  adds row after row;
* a person leaves one: one help less, and the last contact recomputed only if
  that interaction was the last (deleting a person with a long history, or a
  whole workspace before a restore, stays linear);
* an interaction's day, kind or ask changed, an interaction deleted by plain SQL
  before its people: recomputed from the person's interactions.

``backfill`` fills the rows of people who have none (after the migration that
made the table); ``recompute`` remakes an owner's (``followthrough sync --full``,
a restore, which pauses the triggers); ``stale`` lists the people whose kept
facts differ from their interactions (none, unless a bug).
"""

from __future__ import annotations

from .trigger_pause import POSTGRESQL_QUIET

TABLE = "tracker_personfacts"
THROUGH = "tracker_interaction_people"
HELPING = "('informational', 'coffee', 'meeting', 'call')"
"""The kinds that count as having met someone (``keeps_in_touch_by_default``, engine)."""


def _last_contact(person: str) -> str:
    return (
        f"(SELECT MAX(i.occurred_on) FROM {THROUGH} ip JOIN tracker_interaction i "
        f"ON i.id = ip.interaction_id WHERE ip.person_id = {person} AND i.kind <> 'note')"
    )


def _helps(person: str) -> str:
    return (
        f"(SELECT COUNT(*) FROM {THROUGH} ip JOIN tracker_interaction i "
        f"ON i.id = ip.interaction_id WHERE ip.person_id = {person} "
        f"AND (i.asked OR i.kind IN {HELPING}))"
    )


HELPING_ONE = f"CASE WHEN i.asked OR i.kind IN {HELPING} THEN 1 ELSE 0 END"
"""1 for an interaction that counts as a help, else 0 (``i`` is the interaction)."""


def _recompute(where: str) -> str:
    """Remake the rows ``where`` selects from their people's interactions."""
    return (
        f"UPDATE {TABLE} SET last_contact = {_last_contact(TABLE + '.person_id')}, "
        f"helps = {_helps(TABLE + '.person_id')} WHERE {where};"
    )


def sqlite_create() -> list[str]:
    """SQLite: a trigger per row."""
    interaction = "(SELECT {col} FROM tracker_interaction i WHERE i.id = NEW.interaction_id)"
    # One upsert per person joining: their row made if need be, moved on, counted.
    joined = (
        f"INSERT INTO {TABLE} (person_id, last_contact, helps) "
        f"SELECT NEW.person_id, CASE WHEN i.kind <> 'note' THEN i.occurred_on END, "
        f"{HELPING_ONE} FROM tracker_interaction i WHERE i.id = NEW.interaction_id "
        f"ON CONFLICT (person_id) DO UPDATE SET last_contact = CASE "
        f"WHEN excluded.last_contact IS NOT NULL AND ({TABLE}.last_contact IS NULL "
        f"OR excluded.last_contact > {TABLE}.last_contact) THEN excluded.last_contact "
        f"ELSE {TABLE}.last_contact END, helps = {TABLE}.helps + excluded.helps;"
    )
    left_one = interaction.replace("NEW.", "OLD.")
    left = (
        f"UPDATE {TABLE} SET helps = helps - COALESCE("
        + left_one.format(col=HELPING_ONE)
        + ", 0) WHERE person_id = OLD.person_id; "
        f"UPDATE {TABLE} SET last_contact = {_last_contact(TABLE + '.person_id')} "
        f"WHERE person_id = OLD.person_id AND EXISTS (SELECT 1 FROM tracker_interaction i "
        f"WHERE i.id = OLD.interaction_id AND i.kind <> 'note' "
        f"AND i.occurred_on >= {TABLE}.last_contact);"
    )
    people_of = "person_id IN (SELECT person_id FROM " + THROUGH + " WHERE interaction_id = {})"
    return [
        f"CREATE TRIGGER ft_change_facts_joined AFTER INSERT ON {THROUGH} "
        f"FOR EACH ROW BEGIN {joined} END",
        f"CREATE TRIGGER ft_change_facts_left AFTER DELETE ON {THROUGH} "
        f"FOR EACH ROW BEGIN {left} END",
        f"CREATE TRIGGER ft_change_facts_moved AFTER UPDATE ON {THROUGH} FOR EACH ROW BEGIN "
        f"INSERT OR IGNORE INTO {TABLE} (person_id, last_contact, helps) "
        f"VALUES (NEW.person_id, NULL, 0); "
        f"{_recompute('person_id IN (OLD.person_id, NEW.person_id)')} END",
        "CREATE TRIGGER ft_change_facts_changed AFTER UPDATE OF kind, occurred_on, asked "
        f"ON tracker_interaction FOR EACH ROW BEGIN {_recompute(people_of.format('NEW.id'))} END",
        "CREATE TRIGGER ft_change_facts_deleted AFTER DELETE ON tracker_interaction "
        f"FOR EACH ROW BEGIN {_recompute(people_of.format('OLD.id'))} END",
    ]


def postgresql_create() -> list[str]:
    """PostgreSQL: a trigger per statement, over its transition table ``ft_changed``."""
    joined = (
        f"INSERT INTO {TABLE} (person_id, last_contact, helps) "
        f"SELECT ip.person_id, MAX(i.occurred_on) FILTER (WHERE i.kind <> 'note'), "
        f"SUM({HELPING_ONE}) FROM ft_changed ip "
        f"JOIN tracker_interaction i ON i.id = ip.interaction_id GROUP BY ip.person_id "
        f"ON CONFLICT (person_id) DO UPDATE SET "
        f"last_contact = GREATEST({TABLE}.last_contact, EXCLUDED.last_contact), "
        f"helps = {TABLE}.helps + EXCLUDED.helps;"
    )
    left = (
        f"UPDATE {TABLE} f SET helps = f.helps - d.n FROM (SELECT ip.person_id, "
        f"SUM({HELPING_ONE}) AS n FROM ft_changed ip JOIN tracker_interaction i "
        f"ON i.id = ip.interaction_id GROUP BY ip.person_id) d WHERE f.person_id = d.person_id; "
        # Joined, not a subquery per kept row: that one read the statement's rows once
        # for every person of every owner (minutes for a workspace's interactions).
        f"UPDATE {TABLE} SET last_contact = {_last_contact(TABLE + '.person_id')} "
        f"FROM (SELECT ip.person_id, MAX(i.occurred_on) AS latest FROM ft_changed ip "
        f"JOIN tracker_interaction i ON i.id = ip.interaction_id WHERE i.kind <> 'note' "
        f"GROUP BY ip.person_id) d "
        f"WHERE {TABLE}.person_id = d.person_id AND d.latest >= {TABLE}.last_contact;"
    )
    functions = {
        "ft_facts_joined": joined,
        "ft_facts_left": left,
        "ft_facts_moved": f"INSERT INTO {TABLE} (person_id, last_contact, helps) "
        f"SELECT DISTINCT person_id, NULL::date, 0 FROM ft_changed "
        f"ON CONFLICT (person_id) DO NOTHING; "
        + _recompute("person_id IN (SELECT person_id FROM ft_changed)"),
        "ft_facts_changed": _recompute(
            f"person_id IN (SELECT ip.person_id FROM {THROUGH} ip "
            f"WHERE ip.interaction_id IN (SELECT id FROM ft_changed))"
        ),
    }
    statements = [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {POSTGRESQL_QUIET}{body} RETURN NULL; END $$"
        for name, body in functions.items()
    ]
    triggers = [
        ("joined", "INSERT", THROUGH, "NEW", "ft_facts_joined"),
        ("left", "DELETE", THROUGH, "OLD", "ft_facts_left"),
        ("moved_old", "UPDATE", THROUGH, "OLD", "ft_facts_moved"),
        ("moved_new", "UPDATE", THROUGH, "NEW", "ft_facts_moved"),
        ("changed", "UPDATE", "tracker_interaction", "NEW", "ft_facts_changed"),
        ("deleted", "DELETE", "tracker_interaction", "OLD", "ft_facts_changed"),
    ]
    for name, event, table, row, function in triggers:
        statements.append(
            f"CREATE TRIGGER ft_change_facts_{name} AFTER {event} ON {table} "
            f"REFERENCING {row} TABLE AS ft_changed FOR EACH STATEMENT "
            f"EXECUTE FUNCTION {function}()"
        )
    return statements


def backfill(cursor) -> None:
    """Make the rows of the people who have none, from their interactions."""
    cursor.execute(
        f"INSERT INTO {TABLE} (person_id, last_contact, helps) "
        f"SELECT p.id, {_last_contact('p.id')}, {_helps('p.id')} FROM tracker_person p "
        f"WHERE NOT EXISTS (SELECT 1 FROM {TABLE} f WHERE f.person_id = p.id)"
    )


def recompute(connection, owner_id: int) -> None:
    """Remake the owner's rows from scratch (``followthrough sync --full``, a restore)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE person_id IN "
            f"(SELECT id FROM tracker_person WHERE owner_id = %s)",
            [owner_id],
        )
        # One pass over the owner's interactions, grouped, rather than two
        # lookups per person: a third of the time on a big workspace.
        cursor.execute(
            f"INSERT INTO {TABLE} (person_id, last_contact, helps) "
            f"SELECT p.id, a.last_contact, COALESCE(a.helps, 0) FROM tracker_person p "
            f"LEFT JOIN (SELECT ip.person_id, "
            f"MAX(CASE WHEN i.kind <> 'note' THEN i.occurred_on END) AS last_contact, "
            f"SUM({HELPING_ONE}) AS helps FROM {THROUGH} ip "
            f"JOIN tracker_interaction i ON i.id = ip.interaction_id WHERE i.owner_id = %s "
            f"GROUP BY ip.person_id) a ON a.person_id = p.id WHERE p.owner_id = %s",
            [owner_id, owner_id],
        )


def stale(connection, owner_id: int) -> list[int]:
    """The owner's people whose kept row is missing or differs from a fresh aggregate.

    An empty list when the triggers (or the last ``recompute``) did their job.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.id FROM tracker_person p LEFT JOIN {TABLE} f ON f.person_id = p.id "
            f"WHERE p.owner_id = %s AND (f.person_id IS NULL "
            f"OR f.last_contact IS DISTINCT FROM {_last_contact('p.id')} "
            f"OR f.helps <> {_helps('p.id')}) ORDER BY p.id",
            [owner_id],
        )
        return [row[0] for row in cursor.fetchall()]
