"""The peer our list pages are measured against: Flask-Admin's list views of the same tables on the same database.

    DATABASE_URL=sqlite:///benchmarks/data/... gunicorn benchmarks.peer_admin:application

No sign-in and no forms: only the lists. Each shows 25 rows a page, in the order of our list of the same records,
so a page of each holds the same rows. Flask-Admin is installed for the benchmark only (the ``bench`` extra).
"""

from __future__ import annotations

from flask import Flask
from flask_admin import Admin
from flask_admin.contrib.sqla import ModelView
from flask_babel import Babel

from app import database, models
from app.extensions import db
from config import INSTANCE_DIR, database_url

PAGE_SIZE = 25


class ListView(ModelView):
    can_create = can_edit = can_delete = can_view_details = False
    page_size = PAGE_SIZE
    can_set_page_size = False


class MeetingList(ListView):
    column_list = ("held_on", "type", "number", "title", "venue", "format", "partnership")
    column_default_sort = [("held_on", True), ("id", True)]


class FollowUpList(ListView):
    column_list = ("title", "status", "due_on", "opened_on", "partnership", "meeting")
    column_default_sort = [("due_on", False), ("id", False)]


class PartnershipList(ListView):
    column_list = ("slug", "organisation", "partner", "archived_at")
    column_default_sort = "slug"


def create_peer() -> Flask:
    peer = Flask(__name__)
    peer.config.update(
        SECRET_KEY="peer-admin-list-views-only",
        SQLALCHEMY_DATABASE_URI=database_url(f"sqlite:///{INSTANCE_DIR / 'tracker.sqlite'}"),
        SQLITE_BUSY_TIMEOUT_MS=5000,
    )
    db.init_app(peer)
    # Flask-Admin names its views through Flask-Babel whenever it is installed, as it is for the app.
    Babel(peer)
    database.configure_sqlite(peer)  # the same connection settings as the app's
    admin = Admin(peer, name="Peer")
    admin.add_view(MeetingList(models.Meeting, db.session, endpoint="meetings", url="/admin/meetings"))
    admin.add_view(FollowUpList(models.FollowUpAction, db.session, endpoint="follow_ups", url="/admin/follow-ups"))
    admin.add_view(PartnershipList(models.Partnership, db.session, endpoint="partnerships",
                                   url="/admin/partnerships"))
    return peer


application = create_peer()
