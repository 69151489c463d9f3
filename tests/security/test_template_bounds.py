"""Issue 10, point 7: a message template cannot pin a server thread or exhaust memory.

Each hostile template is refused when saved (with the part, line and bound it broke),
refused by ``check_template`` (what restore calls), and when one is already stored
(an older version, a hand-edited database) a draft falls back to the default wording
within the time bound instead of hanging.
"""

from __future__ import annotations

import time

import pytest

from followthrough.drafts import bounds, rendering, services
from followthrough.drafts.models import MessageTemplate
from followthrough.tracker.services.errors import InputError
from tests.drafts.conftest import DraftSearch

pytestmark = pytest.mark.django_db

DOUBLINGS = (
    "{% set s0 = 'abcdefghij' %}\n"
    + "".join(f"{{% set s{i + 1} = s{i} ~ s{i} %}}\n" for i in range(40))
    + "{{ s40|length }}\n"
)

HOSTILE = {
    "nested loops": "{% for a in range(1000) %}{% for b in range(1000) %}"
    "{% for c in range(1000) %}{% endfor %}{% endfor %}{% endfor %}",
    "nested loops over text": "{% set t = 'x' * 5000 %}{% for a in t %}{% for b in t %}"
    "{% endfor %}{% endfor %}",
    "lipsum": "{{ lipsum(10**5) }}",
    "string times a big number": "{{ 'a' * 10**8 }}",
    "number times a string": "{{ 10**8 * 'a' }}",
    "list times a big number": "{{ ([1] * 10**8)|length }}",
    "a huge power": "{{ 10 ** (10 ** 8) }}",
    "a wide center": "{{ 'a'|center(10**8) }}",
    "a wide str method": "{{ 'a'.rjust(10**8) }}",
    "a wide percent format": "{{ '%100000000s'|format('a') }}",
    "a wide percent operator": "{{ '%100000000s' % 'a' }}",
    "a wide brace format": "{{ '{:>100000000}'.format('a') }}",
    "a nested brace width": "{{ '{:>{}}'.format('a', 10**8) }}",
    "a wide indent": "{{ 'a\nb'|indent(10**8) }}",
    "replace that multiplies": "{{ ('a' * 10000)|replace('a', 'b' * 10000) }}",
    "join with a long separator": "{{ range(10000)|join('x' * 10000) }}",
    "a long range": "{{ range(10**8)|list|length }}",
    "batch filler": "{{ [1]|batch(10**8, 'x')|list|length }}",
    "doubling with ~": DOUBLINGS,
    "doubling in a namespace": "{% set ns = namespace(s='ab') %}{% for i in range(40) %}"
    "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
    "a list that grows": "{% set l = ['x' * 1000] %}{% for i in range(30) %}"
    "{{ l.extend(l) }}{% endfor %}{{ l|length }}",
    "a macro that calls itself twice": "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}"
    "{% endif %}x{% endmacro %}{{ m(60) }}",
    "a block set in a loop": "{% set big %}{% for i in range(10000) %}"
    + "y" * 5000
    + "{% endfor %}{% endset %}{{ big|length }}",
    "too much output": "{% for i in range(10000) %}" + "z" * 100 + "{% endfor %}",
}


@pytest.mark.parametrize("source", HOSTILE.values(), ids=list(HOSTILE))
def test_a_template_that_would_run_away_is_refused_quickly_when_saved(owner, source):
    body = "Hi {{ first_name }},\n\n" + source + "\n"
    started = time.perf_counter()

    with pytest.raises(InputError) as caught:
        services.save_template(owner, "birthday", "Happy birthday", body)

    assert time.perf_counter() - started < bounds.MAX_SECONDS + 1
    message = str(caught.value)
    assert message.startswith("body")
    assert message.endswith("; fix the template or reset it to the default.")
    assert "\n" not in message and "Traceback" not in message
    assert not MessageTemplate.objects.exists()


@pytest.mark.parametrize("source", HOSTILE.values(), ids=list(HOSTILE))
def test_check_template_refuses_it_too(source):
    """What restore calls for each stored template: same rules as the form."""
    with pytest.raises(InputError):
        services.check_template("birthday", "Happy birthday", source)
    with pytest.raises(InputError):
        services.check_template("birthday", source, "Hi\n")


def test_check_template_refuses_an_unknown_name_and_passes_a_good_template():
    with pytest.raises(InputError, match="no template named 'nope'"):
        services.check_template("nope", "Hi", "Hello\n")
    services.check_template(
        "birthday", "Happy birthday, {{ first_name }}", "Hi {{ first_name }},\n\nCheers\n"
    )


def test_the_bound_names_what_was_exceeded_and_where(owner):
    body = "Hi,\n\n{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}\n"
    with pytest.raises(rendering.TemplateProblem) as caught:
        services.save_template(owner, "birthday", "Happy birthday", body)
    assert str(caught.value) == (
        "body, line 3: its loops run more than 10,000 times in all; "
        "fix the template or reset it to the default."
    )


def test_ordinary_templates_with_loops_and_filters_still_work(owner):
    body = (
        "Hi {{ first_name|title }},\n\n"
        "{% for i in range(3) %}{{ loop.index }}. {{ 'item'|center(10) }}\n{% endfor %}"
        "{{ ['a', 'b']|join(', ') }} {{ '%5s'|format('x') }} {{ '{:>4}'.format(7) }}\n"
        "{% set ns = namespace(n=0) %}{% for x in [1, 2] %}{% set ns.n = ns.n + x %}{% endfor %}"
        "{{ ns.n }} {{ 2 ** 10 }} {{ 'ab' * 3 }}\n"
    )
    saved = services.save_template(owner, "birthday", "Happy birthday", body)
    assert saved.customised
    text = rendering.render_part("body", body, {"first_name": "ava"})
    assert "Hi Ava," in text and "3.    item" in text and "a, b     x    7" in text
    assert "3 1024 ababab" in text


def test_a_stored_runaway_template_falls_back_to_the_default_quickly(owner):
    search = DraftSearch(owner)
    ava = search.person("Ava Stone", emails="ava@example.com", birthday="--03-04")
    MessageTemplate.objects.create(
        owner=owner, name="birthday", subject="Happy birthday", body=HOSTILE["nested loops"]
    )
    started = time.perf_counter()
    draft = search.draft("Mar 4", "birthday", ava)
    assert time.perf_counter() - started < bounds.MAX_SECONDS + 1
    assert "does not work" in draft.error and "loops run more than" in draft.error
    assert draft.body.strip()  # the default wording


def test_the_wall_time_is_bounded(monkeypatch):
    monkeypatch.setattr(bounds, "MAX_SECONDS", 0.0)
    with pytest.raises(rendering.TemplateProblem, match="takes longer than 0 seconds"):
        rendering.render_part("body", "{% for i in range(3) %}{{ i }}{% endfor %}", {})


def test_restore_refuses_a_runaway_template_and_changes_nothing(owner):
    import io
    import json

    from django.contrib.auth import get_user_model

    from followthrough.backup.restore import restore
    from followthrough.tracker.services.owners import workspace_for
    from tests.backup.conftest import build_workspace, export_text

    build_workspace(owner)
    data = json.loads(export_text(owner))
    data["message_templates"][0]["body"] = "Hi,\n" + HOSTILE["lipsum"]
    fresh = get_user_model().objects.create_user("fay")
    workspace_for(fresh)

    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        restore(fresh, io.StringIO(json.dumps(data)), name="backup.json")
    assert time.perf_counter() - started < bounds.MAX_SECONDS + 1

    message = str(caught.value)
    assert message.startswith("backup.json: message_templates[0]")
    assert "line 2: 'lipsum' is undefined" in message
    assert not MessageTemplate.objects.filter(owner=fresh).exists()

    data["message_templates"][0]["body"] = "Hi,\n" + HOSTILE["nested loops"]
    with pytest.raises(InputError, match="loops run more than 10,000 times"):
        restore(fresh, io.StringIO(json.dumps(data)), name="backup.json")
    data["message_templates"][0]["name"] = "no-such-template"
    data["message_templates"][0]["body"] = "Hi\n"
    with pytest.raises(InputError, match="no template named 'no-such-template'"):
        restore(fresh, io.StringIO(json.dumps(data)), name="backup.json")
