"""What the user list reads; nothing here changes a record."""

import sqlalchemy as sa

from app.models import User

#: Active users first, then by name.
USERS_ORDER = (User.is_active.desc(), User.name, User.id)


def users_query():
    return sa.select(User)
