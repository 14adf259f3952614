"""Names and codes the services compare without regard to case, kept unique the same way by the database.

A unique index on ``lower(column)`` refuses "edu-01" beside "EDU-01" even when two saves check at the same moment
or a row arrives by raw SQL. SQLite's lower() folds only ASCII letters (as the services' checks there do), and
PostgreSQL's folds every letter. The plain unique constraints stay: they are what the indexes of the exact values
were before, and the clash table in app/common/clashes.py knows both.
"""

import sqlalchemy as sa

from app.models.organisation import Organisation
from app.models.plan import ActionLine, CooperationArea, Pillar, Plan


def _unique_ignoring_case(name: str, column: sa.ColumnElement[str], *within: sa.ColumnElement[int]) -> sa.Index:
    return sa.Index(name, *within, sa.func.lower(column), unique=True)


CASE_INSENSITIVE_UNIQUE = (
    _unique_ignoring_case("uq_organisations_lower_name", Organisation.__table__.c.name),
    _unique_ignoring_case("uq_plans_partnership_id_lower_label", Plan.__table__.c.label,
                          Plan.__table__.c.partnership_id),
    _unique_ignoring_case("uq_pillars_plan_id_lower_name", Pillar.__table__.c.name, Pillar.__table__.c.plan_id),
    _unique_ignoring_case("uq_cooperation_areas_plan_id_lower_code", CooperationArea.__table__.c.code,
                          CooperationArea.__table__.c.plan_id),
    _unique_ignoring_case("uq_action_lines_area_id_lower_code", ActionLine.__table__.c.code,
                          ActionLine.__table__.c.area_id),
)
