"""``flask reminders send``: run once a day (cron or a systemd timer, see the README)."""

from datetime import datetime

import click
from flask.cli import AppGroup

from app.reminders.sending import preview_digests, send_digests

reminders_cli = AppGroup("reminders", help="Send the reminder e-mails.")


@reminders_cli.command("send")
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The day to send the digests of (default: today), to catch up a day missed.")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send nothing, record nothing.")
def send_command(day: datetime | None, dry_run: bool) -> None:
    """Send the digests due today: each once, however often or on however many hosts this runs.

    One line per digest: sent, nothing to send, already sent, or failed with the reason. Exits with 1 when any
    failed; the next run tries those again.
    """
    from app.follow_ups.services import today

    when = day.date() if day else today()
    if dry_run:
        outcomes = preview_digests(when)
        for outcome in outcomes:
            click.echo(outcome.line)
    else:
        outcomes = send_digests(when, on_outcome=lambda outcome: click.echo(outcome.line))
    if not outcomes:
        click.echo(f"No digests are due on {when.isoformat()}")
    if any(outcome.failed for outcome in outcomes):
        raise click.exceptions.Exit(1)
