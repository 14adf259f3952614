"""A ministry's worth of made-up records, written in bulk, for measuring the app at the size it must handle.

``flask seed synthetic --scale ministry`` writes 200 partnerships, 1,000 plans, 15,000 areas, 60,000 action
lines, 50,000 meetings, 200,000 follow-ups, 300,000 status updates and 100,000 activities over thirty years; the
same ``--seed`` and ``--until`` give the same records. The rows bypass the services (which would take hours at this
size) but keep their rules: plans follow one another without overlapping, committees are numbered in date order,
every participant holds a post, a done follow-up has its completion date, an activity serves lines of one plan.
"""

from datetime import date
from random import Random

import sqlalchemy as sa

from app.extensions import db
from app.search.index import rebuild
from seed.synthetic.activity import Activity
from seed.synthetic.done import WhatWasDone
from seed.synthetic.scales import SCALES, Scale
from seed.synthetic.structure import OUR_NAME, Structure
from seed.synthetic.writer import BulkWriter


class SyntheticDataError(Exception):
    pass


def counted_rows(scale: Scale) -> int:
    """The rows the progress bar counts: the record kinds a scale names."""
    return (scale.partnerships + scale.plans + scale.areas + scale.action_lines + scale.meetings
            + scale.follow_ups + scale.status_updates + scale.activities)


def load_synthetic(scale: Scale, *, seed: int, until: date, on_rows=lambda n: None) -> dict[str, int]:
    """Write a synthetic ministry into the database (not committed); returns the rows written per table."""
    connection = db.session.connection()
    organisations = db.metadata.tables["organisations"]
    if connection.scalar(sa.select(organisations.c.id).where(organisations.c.name == OUR_NAME)) is not None:
        raise SyntheticDataError("This database already holds synthetic data: start from an empty database.")
    rng = Random(seed)
    writer = BulkWriter(connection, on_rows)
    world = Structure(rng, scale, writer, until).build()
    past_meetings = Activity(rng, scale, writer, world).build()
    # Last, from the same random stream: the records above stay the same for a seed as before activities were added.
    WhatWasDone(rng, scale, writer, world, past_meetings).build()
    # The rows went in with plain SQL, past the session that indexes every save: the search index is made here.
    rebuild(connection)
    writer.finish()
    return writer.counts


__all__ = ["SCALES", "SyntheticDataError", "counted_rows", "load_synthetic"]
