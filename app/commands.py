"""Command-line entry points: ``flask users ...`` and ``flask seed ...``."""

from datetime import datetime

import click
from flask.cli import AppGroup

from app.common.errors import DomainError
from app.extensions import db

users_cli = AppGroup("users", help="Manage the people who sign in.")
seed_cli = AppGroup("seed", help="Load data into the database.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(["viewer", "editor", "admin"]), default="viewer", show_default=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_user_command(email: str, name: str, role: str, password: str) -> None:
    """Create a user who can sign in."""
    from app.users.details import UserDetails
    from app.users.services import create_user

    try:
        user = create_user(UserDetails(name=name, role=role), email=email, password=password)
    except DomainError as error:
        raise click.UsageError(error.message) from None
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email}")


@users_cli.command("set-password")
@click.option("--email", required=True)
@click.option("--password", prompt="New password", hide_input=True, confirmation_prompt=True)
def set_password_command(email: str, password: str) -> None:
    """Give a user a new password (an administrator locked out, say); every session they had ends."""
    import sqlalchemy as sa

    from app.models import User
    from app.users.services import change_password

    user = db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise click.UsageError(f"No user has the email address {email}")
    try:
        ended = change_password(user, password)
    except DomainError as error:
        raise click.UsageError(error.message) from None
    db.session.commit()
    click.echo(f"New password set for {user.email}; {ended} session{'s' if ended != 1 else ''} ended")


@users_cli.command("demo-admin")
def demo_admin_command() -> None:
    """Create the demo administrator if missing, and print how to sign in (for local demos only)."""
    import sqlalchemy as sa
    from flask import current_app

    from app.auth.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, give_demo_desk
    from app.models import Role, User

    if current_app.config["PRODUCTION"]:
        raise click.ClickException("The demo administrator is for local demos: it is never created in production. "
                                   "Create a real one with `flask users create --role admin`.")
    if db.session.scalar(sa.select(User.id).where(User.email == DEMO_ADMIN_EMAIL)) is None:
        # Not through create_user: its password rules refuse this published password, as they should for anyone.
        admin = User(email=DEMO_ADMIN_EMAIL, name="Demo Administrator", role=Role.ADMIN, is_active=True)
        admin.set_password(DEMO_ADMIN_PASSWORD)
        db.session.add(admin)
        give_demo_desk(admin)
        db.session.commit()
    click.echo(f"Demo administrator: sign in as {DEMO_ADMIN_EMAIL} with the password {DEMO_ADMIN_PASSWORD}")


@seed_cli.command("demo")
def seed_demo_command() -> None:
    """Load the ASEAN partnerships demo data (safe to run again: nothing changes the second time)."""
    from seed.loader import load_demo
    from seed.records import SeedDataError

    try:
        summary = load_demo()
    except SeedDataError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(summary)


@seed_cli.command("synthetic")
@click.option("--scale", "scale_name", type=click.Choice(["ministry", "10x", "small"]), default="ministry",
              show_default=True, help="ministry: 200 partnerships, 50,000 meetings, 200,000 follow-ups, 300,000 "
              "status updates, 100,000 activities; 10x: ten times the meetings, follow-ups, updates and activities; "
              "small: a hundredth.")
@click.option("--seed", "seed_value", type=int, default=1, show_default=True, help="Same seed, same records.")
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The last day of the thirty years the data covers (default: today).")
def seed_synthetic_command(scale_name: str, seed_value: int, until: datetime | None) -> None:
    """Write a large made-up data set in bulk, for measuring speed at the size of a whole ministry."""
    import time
    from datetime import date

    from app.database import settle_after_load
    from seed.synthetic import SCALES, SyntheticDataError, counted_rows, load_synthetic

    scale = SCALES[scale_name]
    started = time.perf_counter()
    with click.progressbar(length=counted_rows(scale), label=f"Writing the {scale_name} data set") as bar:
        try:
            counts = load_synthetic(scale, seed=seed_value, until=until.date() if until else date.today(),
                                    on_rows=bar.update)
        except SyntheticDataError as error:
            db.session.rollback()
            raise click.ClickException(str(error)) from None
        db.session.commit()
    settle_after_load(db.engine)
    written = ", ".join(f"{n:,} {table.replace('_', ' ')}" for table, n in counts.items())
    click.echo(f"Wrote {written} in {time.perf_counter() - started:.0f} s")
