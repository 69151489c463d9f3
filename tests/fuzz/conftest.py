"""Property-based tests (hypothesis) for the importers and restore, bounded in time.

Each test runs ``FUZZ_EXAMPLES`` examples (environment variable
``FOLLOWTHROUGH_FUZZ_EXAMPLES``, default 40): together they add well under a
minute to the suite. Examples are random on each run, so the suite keeps
looking; a failure prints the ``@reproduce_failure`` line that replays it.
Nothing is written to a ``.hypothesis`` folder.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

FUZZ_EXAMPLES = int(os.environ.get("FOLLOWTHROUGH_FUZZ_EXAMPLES", "40"))

settings.register_profile(
    "followthrough",
    max_examples=FUZZ_EXAMPLES,
    deadline=None,  # a shared two-core machine: time is bounded by the example count
    database=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
settings.load_profile("followthrough")
