"""Command-line entry points: ``flask users ...`` and ``flask seed ...``."""

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
    from app.users.services import create_user

    try:
        user = create_user(email=email, name=name, role=role, password=password)
    except DomainError as error:
        raise click.UsageError(error.message) from None
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email}")


DEMO_ADMIN_EMAIL = "admin@tracker.example"
DEMO_ADMIN_PASSWORD = "demo-admin-password"


@users_cli.command("demo-admin")
def demo_admin_command() -> None:
    """Create the demo administrator if missing, and print how to sign in (for local demos only)."""
    import sqlalchemy as sa

    from app.models import User
    from app.users.services import create_user

    if db.session.scalar(sa.select(User.id).where(User.email == DEMO_ADMIN_EMAIL)) is None:
        create_user(email=DEMO_ADMIN_EMAIL, name="Demo Administrator", role="admin", password=DEMO_ADMIN_PASSWORD)
        db.session.commit()
    click.echo(f"Demo administrator: sign in as {DEMO_ADMIN_EMAIL} with the password {DEMO_ADMIN_PASSWORD}")


@seed_cli.command("demo")
def seed_demo_command() -> None:
    """Load the ASEAN partnerships demo data (safe to run again: nothing changes the second time)."""
    from seed.loader import SeedDataError, load_demo

    try:
        summary = load_demo()
    except SeedDataError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(summary)
