"""Each digest reaches its person once: runs repeated, runs at the same moment, servers that refuse or never answer."""

import socket
import threading
from datetime import date, timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import DigestKind, DigestState, ReminderSettings, SentDigest, utcnow
from app.reminders.sending import send_digests
from tests.reminders.conftest import MONDAY, free_port, point_mail_at


def overdue_for(make, desk, *owners):
    for owner in owners:
        make.follow_up(desk.pakistan, f"Reply to the ministry ({owner.name})", owner=owner, due_on=date(2025, 3, 10))


def rows():
    return {(user_id, kind.value): (state.value, attempts) for user_id, kind, state, attempts in db.session.execute(
        sa.select(SentDigest.user_id, SentDigest.kind, SentDigest.state, SentDigest.attempts))}


def test_a_second_run_the_same_day_sends_nothing_again(make, desk, inbox, send):
    overdue_for(make, desk, desk.officer)

    first = send("--date", "2025-03-17")
    second = send("--date", "2025-03-17")

    assert first.exit_code == second.exit_code == 0
    assert "personal digest to officer@asean.example: sent" in first.output
    assert "personal digest to officer@asean.example: already sent" in second.output
    assert [m["To"] for m in inbox.messages] == ["officer@asean.example", "admin@asean.example"]  # the desk digest


def test_two_runs_at_the_same_moment_send_each_digest_once(app, make, desk, inbox):
    officers = [make.user(role="editor", email=f"officer{n}@asean.example", name=f"Officer {n}") for n in range(8)]
    overdue_for(make, desk, desk.officer, *officers)
    db.session.commit()
    start = threading.Barrier(2)
    said: list[list[str]] = [[], []]
    errors = []

    def run(n: int) -> None:
        try:
            with app.app_context():  # a run of its own: its own session and connection
                start.wait()
                said[n] = [outcome.said for outcome in send_digests(MONDAY)]
                db.session.remove()
        except Exception as error:  # seen by the test, not lost in the thread
            errors.append(error)

    runs = [threading.Thread(target=run, args=(n,)) for n in range(2)]
    for each in runs:
        each.start()
    for each in runs:
        each.join(timeout=60)

    assert errors == []
    expected = {f"officer{n}@asean.example" for n in range(8)} | {"officer@asean.example", "admin@asean.example"}
    received = [m["To"] for m in inbox.messages]
    assert sorted(received) == sorted(expected)  # each once: the admin's desk digest, and each officer's own
    # Twelve digests are due, the admin's and the viewer's personal ones with nothing in them: between them the
    # runs sent ten and found two empty, each once.
    assert sum(s.count("sent") for s in said) == 10
    assert sum(s.count("nothing to send") for s in said) == 2
    assert len(said[0]) == len(said[1]) == 12  # each run went through every digest
    assert {state for state, _ in rows().values()} == {"sent", "nothing_to_send"}


def test_a_claim_left_by_a_run_that_stopped_is_taken_over_only_after_a_while(app, make, desk, inbox, send,
                                                                            monkeypatch):
    monkeypatch.setitem(app.config, "REMINDERS_CLAIM_MINUTES", 30)
    overdue_for(make, desk, desk.officer)
    claim = SentDigest(user_id=desk.officer.id, kind=DigestKind.PERSONAL, day=MONDAY, state=DigestState.CLAIMED,
                       claimed_at=utcnow() - timedelta(minutes=20), claimed_by="a run that crashed", attempts=1)
    db.session.add(claim)
    db.session.commit()

    early = send("--date", "2025-03-17")
    assert "personal digest to officer@asean.example: being sent by another run" in early.output
    assert inbox.to("officer@asean.example") == []

    claim.claimed_at = utcnow() - timedelta(minutes=31)
    db.session.commit()
    later = send("--date", "2025-03-17")
    assert "personal digest to officer@asean.example: sent" in later.output
    assert len(inbox.to("officer@asean.example")) == 1
    assert rows()[(desk.officer.id, "personal")] == ("sent", 2)


def test_a_server_that_says_try_again_later_gets_the_digest_on_a_later_try(make, desk, inbox, send):
    overdue_for(make, desk, desk.officer)
    inbox.refusals_left = 1

    result = send("--date", "2025-03-17")

    assert result.exit_code == 0, result.output
    assert inbox.recipients_refused == 1
    assert len(inbox.to("officer@asean.example")) == 1


def test_a_server_that_always_refuses_fails_the_run_and_the_next_run_sends_what_failed(make, desk, inbox, send):
    overdue_for(make, desk, desk.officer)
    inbox.refuse_always = True

    failed = send("--date", "2025-03-17")

    assert failed.exit_code == 1
    assert ("personal digest to officer@asean.example: failed (the mail server refused the recipient: "
            "451 Try again later)") in failed.output
    assert inbox.recipients_refused == 2 * 3  # two digests, each tried once and again twice (MAIL_RETRIES)
    assert rows()[(desk.officer.id, "personal")] == ("failed", 1)

    inbox.refuse_always = False
    later = send("--date", "2025-03-17")
    assert later.exit_code == 0, later.output
    assert sorted(m["To"] for m in inbox.messages) == ["admin@asean.example", "officer@asean.example"]
    assert rows()[(desk.officer.id, "personal")] == ("sent", 2)


def test_no_server_listening_is_reported_and_no_password_is_ever_printed(app, make, desk, inbox, send, monkeypatch):
    overdue_for(make, desk, desk.officer)
    point_mail_at(app, monkeypatch, free_port())  # nothing listens there
    monkeypatch.setitem(app.config, "MAIL_USERNAME", "tracker")
    monkeypatch.setitem(app.config, "MAIL_PASSWORD", "s3cret-Pa55word")

    refused = send("--date", "2025-03-17")

    assert refused.exit_code == 1
    assert f"failed (the mail server at 127.0.0.1:{app.config['MAIL_PORT']} refused the connection)" in refused.output

    point_mail_at(app, monkeypatch, inbox.port)
    monkeypatch.setitem(app.config, "MAIL_USERNAME", "tracker")
    monkeypatch.setitem(app.config, "MAIL_PASSWORD", "s3cret-Pa55word")
    no_auth = send("--date", "2025-03-17")  # this server offers no sign-in over a plain connection
    assert no_auth.exit_code == 1 and "failed (" in no_auth.output
    assert "s3cret" not in refused.output + no_auth.output
    assert inbox.messages == []


def test_a_server_that_never_answers_times_out_and_fails_the_run(app, make, desk, inbox, send, monkeypatch):
    overdue_for(make, desk, desk.officer)
    with socket.socket() as silent:  # accepts connections and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        point_mail_at(app, monkeypatch, silent.getsockname()[1], timeout=0.3)
        monkeypatch.setitem(app.config, "MAIL_RETRIES", 1)

        result = send("--date", "2025-03-17")

    assert result.exit_code == 1
    assert ("personal digest to officer@asean.example: failed (the mail server at 127.0.0.1:"
            f"{app.config['MAIL_PORT']} did not answer within 0.3 seconds)") in result.output
    assert rows()[(desk.officer.id, "personal")] == ("failed", 1)


def test_a_weekly_digest_that_failed_on_monday_goes_on_tuesday_and_a_daily_one_is_superseded(make, desk, inbox,
                                                                                             send):
    overdue_for(make, desk, desk.officer, desk.viewer)
    db.session.add(ReminderSettings(user_id=desk.viewer.id, personal_digest="daily"))
    db.session.commit()
    inbox.refuse_always = True
    assert send("--date", "2025-03-17").exit_code == 1

    inbox.refuse_always = False
    tuesday = send("--date", "2025-03-18")

    assert tuesday.exit_code == 0, tuesday.output
    assert "personal digest of 2025-03-17 to officer@asean.example: sent" in tuesday.output
    assert "desk digest of 2025-03-17 to admin@asean.example: sent" in tuesday.output
    assert "personal digest to viewer@asean.example: sent" in tuesday.output  # Tuesday's own
    assert [m["Subject"].split(":")[0] for m in inbox.to("officer@asean.example")] == [
        "Your follow-ups on 17 March 2025"]
    assert [m["Subject"].split(":")[0] for m in inbox.to("viewer@asean.example")] == [
        "Your follow-ups on 18 March 2025"]
    assert send("--date", "2025-03-19").output.count(": sent") == 1  # only the viewer's Wednesday digest
