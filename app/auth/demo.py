"""The demo administrator that `make run` creates, and how production makes sure it is gone."""

import sqlalchemy as sa

from app.extensions import db
from app.models import Partnership, User

DEMO_ADMIN_EMAIL = "admin@tracker.example"
#: Published in the README and printed by `make run`: refused as anyone's chosen password, and production refuses
#: to start while an account still has it.
DEMO_ADMIN_PASSWORD = "demo-admin-password"


def demo_password_in_use() -> str | None:
    """The email of the account that still signs in with the demo password, if any.

    Only the demo account can hold it: every other way of setting a password refuses this one. The check costs one
    password hash, not one per account.
    """
    user = db.session.scalar(sa.select(User).where(User.email == DEMO_ADMIN_EMAIL))
    if user is not None and user.check_password(DEMO_ADMIN_PASSWORD):
        return user.email
    return None


#: The partnerships the demo administrator looks after, so that their "My work" page has something in it.
DEMO_DESK = ("asean-pakistan", "asean-uae")


def give_demo_desk(admin: User) -> None:
    """Name the new demo administrator desk officer of the demo's partnerships that have none yet."""
    for partnership in db.session.scalars(sa.select(Partnership).where(Partnership.slug.in_(DEMO_DESK),
                                                                       Partnership.desk_officer_id.is_(None))):
        partnership.desk_officer = admin
