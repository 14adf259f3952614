"""What the user list reads; nothing here changes a record."""

import sqlalchemy as sa

from app.models import User

#: Active users first, then by name.
USERS_ORDER = (User.is_active.desc(), User.name.asc(), User.id.asc())


def users_query() -> sa.Select[User]:
    return sa.select(User)
