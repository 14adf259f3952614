"""Hypothesis settings for the fuzz tests.

``make test`` runs the quick profile: a few examples per form and page, the same ones on every run, so the
suite stays fast and a failure is reproducible. ``HYPOTHESIS_PROFILE=long`` digs deeper with fresh random
examples each run, shrinks a failure to its simplest form and remembers it in ``.hypothesis/``:

    HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/fuzz
"""

import os

from hypothesis import HealthCheck, Phase, settings

_quiet_checks = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    "quick", max_examples=15, deadline=None, derandomize=True, database=None, suppress_health_check=_quiet_checks,
    # Shrinking a failure can take minutes of requests: the quick run reports the example as it was generated.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
settings.register_profile(
    "long", max_examples=300, deadline=None, suppress_health_check=_quiet_checks, print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))
