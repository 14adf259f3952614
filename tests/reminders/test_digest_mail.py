"""What the digests say, as the mail server receives them."""

import re
from datetime import date, time

import sqlalchemy as sa

from app.extensions import db
from app.models import DigestState, ReminderSettings, SentDigest
from app.reminders.content import desk_digest, personal_digest
from tests.reminders.conftest import MONDAY, PUBLIC_URL, html_part, text_part


def owed_by_the_officer(make, desk):
    """Monday 17 March 2025; a week ahead is due soon (the default)."""
    follow = make.follow_up
    return {
        "a week late": follow(desk.pakistan, "Send the list of nominees", owner=desk.officer, due_on=date(2025, 3, 10)),
        "three days late": follow(desk.pakistan, "Share the draft work plan", owner=desk.officer,
                                  due_on=date(2025, 3, 14)),
        "due today": follow(desk.pakistan, "Confirm the venue", owner=desk.officer, due_on=MONDAY),
        "in seven days": follow(desk.pakistan, "Circulate the concept note", owner=desk.officer,
                                due_on=date(2025, 3, 24)),
        "in eight days": follow(desk.pakistan, "Book the interpreters", owner=desk.officer, due_on=date(2025, 3, 25)),
        "done": follow(desk.pakistan, "Thank the ambassador", owner=desk.officer, due_on=date(2025, 3, 1),
                       status="done", completed_on=date(2025, 3, 2)),
        "undated": follow(desk.pakistan, "Keep in touch", owner=desk.officer),
        "someone else's": follow(desk.norway, "Draft the agenda", owner=desk.admin, due_on=date(2025, 3, 12)),
        "the partner's": follow(desk.norway, "Nominate a focal point", due_on=date(2025, 3, 1)),
    }


def test_the_personal_digest_lists_overdue_oldest_first_then_due_soon_then_tomorrows_meetings(make, desk, inbox,
                                                                                               send):
    owed = owed_by_the_officer(make, desk)
    jscc = make.meeting(desk.pakistan, type="jscc", number=8, held_on=date(2025, 3, 18), starts_at=time(9, 30),
                        venue="ASEAN Secretariat, Jakarta")
    make.meeting(desk.pakistan, held_on=date(2025, 3, 19), title="Courtesy call on the Deputy Secretary-General")
    make.meeting(desk.norway, held_on=date(2025, 3, 18), title="Norway's briefing")  # not the officer's partnership

    result = send("--date", "2025-03-17")

    assert result.exit_code == 0, result.output
    (mail,) = inbox.to("officer@asean.example")
    assert mail["Subject"] == ("Your follow-ups on 17 March 2025: 2 overdue, 2 due in the next 7 days, "
                               "1 meeting tomorrow")
    assert mail["From"] == "Partnership tracker <tracker@asean.example>"
    assert mail.is_multipart() and mail.get_content_type() == "multipart/alternative"
    text = text_part(mail)
    listed = re.findall(r"^- (.+) \(ASEAN–Pakistan\)$", text, flags=re.M)
    assert listed == ["Send the list of nominees", "Share the draft work plan", "Confirm the venue",
                      "Circulate the concept note", "8th Joint Sectoral Cooperation Committee (JSCC)"]
    assert "Due 10 March 2025, 7 days overdue" in text
    assert "Due 14 March 2025, 3 days overdue" in text
    assert "Due 17 March 2025, due today" in text
    assert "Due 24 March 2025, due in 7 days" in text
    assert "MEETINGS TOMORROW, 18 March 2025" in text and "\n  At 09:30, ASEAN Secretariat, Jakarta\n" in text
    assert f"{PUBLIC_URL}/follow-ups/{owed['a week late'].id}" in text
    assert f"{PUBLIC_URL}/meetings/{jscc.id}" in text
    assert "Book the interpreters" not in text and "Thank the ambassador" not in text and "Keep in touch" not in text
    html = html_part(mail)
    assert f'href="{PUBLIC_URL}/follow-ups/{owed["three days late"].id}"' in html
    assert "3 days overdue" in html and "due in 7 days" in html and "<h1" in html


def test_every_digest_links_to_its_settings_and_to_an_unsubscribe_page_also_in_its_headers(make, desk, inbox, send):
    make.follow_up(desk.pakistan, "Send the list of nominees", owner=desk.officer, due_on=date(2025, 3, 10))

    send("--date", "2025-03-17")

    (mail,) = inbox.to("officer@asean.example")
    unsubscribe = re.fullmatch(r"<(.+)>", mail["List-Unsubscribe"]).group(1)
    assert unsubscribe.startswith(f"{PUBLIC_URL}/reminders/unsubscribe/")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail["Auto-Submitted"] == "auto-generated"
    for part in (text_part(mail), html_part(mail)):
        assert f"{PUBLIC_URL}/account/reminders" in part
        assert unsubscribe in part


def test_the_desk_digest_lists_every_overdue_follow_up_by_partnership_with_owner_and_days(make, desk, inbox, send):
    owed_by_the_officer(make, desk)

    send("--date", "2025-03-17")

    desk_mails = [m for m in inbox.to("admin@asean.example") if m["Subject"].startswith("Overdue follow-ups")]
    (mail,) = desk_mails
    assert mail["Subject"] == "Overdue follow-ups of the desk on 17 March 2025: 4 across 2 partnerships"
    text = text_part(mail)
    # Norway before Pakistan; in each, the oldest first.
    assert re.findall(r"^([A-Z–]+) \((\d+)\)$", text, flags=re.M) == [("ASEAN–NORWAY", "2"), ("ASEAN–PAKISTAN", "2")]
    assert re.findall(r"^- (.+)\n  Owner: (.+)\. Due .+, (\d+ days? overdue)$", text, flags=re.M) == [
        ("Nominate a focal point", "Mission of Pakistan to ASEAN (partner)", "16 days overdue"),
        ("Draft the agenda", "Head of Desk", "5 days overdue"),
        ("Send the list of nominees", "Desk Officer", "7 days overdue"),
        ("Share the draft work plan", "Desk Officer", "3 days overdue"),
    ]
    html = html_part(mail)
    assert f'href="{PUBLIC_URL}/partnerships/{desk.norway.slug}"' in html
    assert "Owner: Head of Desk. Due 12 March 2025," in html


def test_the_desk_digest_comes_on_mondays_only_and_not_to_an_admin_who_turned_it_off(make, desk, inbox, send):
    owed_by_the_officer(make, desk)
    second_admin = make.user(role="admin", email="deputy@asean.example", name="Deputy Head")
    db.session.add(ReminderSettings(user_id=second_admin.id, desk_digest=False))
    db.session.commit()

    send("--date", "2025-03-18")  # a Tuesday: no weekly e-mail of any kind
    assert inbox.messages == []
    send("--date", "2025-03-17")
    assert [m["To"] for m in inbox.messages if m["Subject"].startswith("Overdue")] == ["admin@asean.example"]


def test_a_viewer_reads_the_placeholder_for_a_restricted_follow_up_and_an_editor_its_title(make, desk, inbox, send):
    make.follow_up(desk.pakistan, "Sound out the minister privately", owner=desk.viewer, due_on=date(2025, 3, 12),
                   is_restricted=True)
    make.follow_up(desk.pakistan, "Sound out the ambassador privately", owner=desk.officer,
                   due_on=date(2025, 3, 12), is_restricted=True)

    send("--date", "2025-03-17")

    (viewers,) = inbox.to("viewer@asean.example")
    for part in (text_part(viewers), html_part(viewers)):
        assert "Restricted follow-up action" in part and "minister" not in part
    assert "5 days overdue" in text_part(viewers)
    (officers,) = inbox.to("officer@asean.example")
    assert "Sound out the ambassador privately" in text_part(officers)
    assert "Restricted follow-up action" not in text_part(officers)


def test_a_digest_with_nothing_in_it_is_not_sent_and_is_recorded_so_the_day_stays_done(make, desk, inbox, send):
    make.follow_up(desk.pakistan, "Book the interpreters", owner=desk.officer, due_on=date(2025, 3, 25))

    result = send("--date", "2025-03-17")

    assert result.exit_code == 0
    assert inbox.messages == []
    assert "personal digest to officer@asean.example: nothing to send" in result.output
    states = db.session.execute(sa.select(SentDigest.user_id, SentDigest.kind, SentDigest.state)).all()
    assert (desk.officer.id, "personal", DigestState.NOTHING_TO_SEND) in states
    make.follow_up(desk.pakistan, "Added later that day", owner=desk.officer, due_on=date(2025, 3, 10))
    again = send("--date", "2025-03-17")
    assert inbox.messages == []
    assert "personal digest to officer@asean.example: already nothing to send" in again.output


def test_a_dry_run_prints_what_would_be_sent_and_sends_and_records_nothing(make, desk, inbox, send):
    make.follow_up(desk.pakistan, "Send the list of nominees", owner=desk.officer, due_on=date(2025, 3, 10))

    result = send("--date", "2025-03-17", "--dry-run")

    assert result.exit_code == 0
    assert ("personal digest to officer@asean.example: would be sent (Your follow-ups on 17 March 2025: 1 overdue)"
            in result.output)
    assert "personal digest to viewer@asean.example: nothing to send" in result.output
    assert inbox.messages == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SentDigest)) == 0


def test_a_daily_digest_comes_every_day_and_a_weekly_one_on_its_chosen_day(make, desk, inbox, send):
    make.follow_up(desk.pakistan, "Send the list of nominees", owner=desk.officer, due_on=date(2025, 3, 10))
    make.follow_up(desk.pakistan, "Draft the agenda", owner=desk.viewer, due_on=date(2025, 3, 10))
    db.session.add_all([ReminderSettings(user_id=desk.officer.id, personal_digest="daily"),
                        ReminderSettings(user_id=desk.viewer.id, personal_digest="weekly", weekday=2)])
    db.session.commit()

    for day in ("2025-03-17", "2025-03-18", "2025-03-19"):  # Monday, Tuesday, Wednesday
        send("--date", day)

    assert [m["Subject"].split(":")[0] for m in inbox.to("officer@asean.example")] == [
        "Your follow-ups on 17 March 2025", "Your follow-ups on 18 March 2025", "Your follow-ups on 19 March 2025"]
    (viewers,) = inbox.to("viewer@asean.example")
    assert viewers["Subject"] == "Your follow-ups on 19 March 2025: 1 overdue"


def test_a_digest_is_read_in_one_query_per_list_whatever_its_length(make, desk, count_queries):
    owed_by_the_officer(make, desk)
    for hour in (9, 14):
        make.meeting(desk.pakistan, held_on=date(2025, 3, 18), starts_at=time(hour), title=f"Meeting at {hour}")
    officer, admin = db.session.get(type(desk.officer), desk.officer.id), db.session.get(type(desk.admin),
                                                                                         desk.admin.id)

    with count_queries() as statements:
        personal = personal_digest(officer, MONDAY, 7)
        desk_wide = desk_digest(admin, MONDAY)

    assert len(statements) == 3  # the officer's follow-ups, tomorrow's meetings, the desk's overdue follow-ups
    assert [line.name for line in personal.meetings] == ["Meeting at 9", "Meeting at 14"]
    assert desk_wide.overdue_count == 4


def test_the_command_sends_todays_digests_when_no_date_is_given(make, desk, inbox, send, monkeypatch):
    make.follow_up(desk.pakistan, "Send the list of nominees", owner=desk.officer, due_on=date(2025, 3, 10))
    monkeypatch.setattr("app.follow_ups.services.today", lambda: MONDAY)

    assert send().exit_code == 0

    (mail,) = inbox.to("officer@asean.example")
    assert mail["Subject"] == "Your follow-ups on 17 March 2025: 1 overdue"


def test_past_its_limit_the_desk_digest_lists_a_partnerships_oldest_and_links_to_them_all(app, make, desk, inbox,
                                                                                        send, monkeypatch):
    owed_by_the_officer(make, desk)
    monkeypatch.setitem(app.config, "REMINDERS_LIST_LIMIT", 1)

    send("--date", "2025-03-17")

    (mail,) = [m for m in inbox.to("admin@asean.example") if m["Subject"].startswith("Overdue follow-ups")]
    assert mail["Subject"] == "Overdue follow-ups of the desk on 17 March 2025: 4 across 2 partnerships"
    text = text_part(mail)
    assert re.findall(r"^- (.+)$", text, flags=re.M) == ["Nominate a focal point", "Send the list of nominees"]
    everything = f"{PUBLIC_URL}/follow-ups/?partnership={desk.pakistan.slug}&overdue=1"
    assert "ASEAN–PAKISTAN (2)\n" in text and f"And 1 more: {everything}\n" in text
    assert f'And 1 more: <a href="{everything.replace("&", "&amp;")}"' in html_part(mail)


def test_past_the_limit_a_persons_digest_lists_their_oldest_overdue_and_links_to_them_all(app, make, desk, inbox,
                                                                                        send, monkeypatch):
    owed_by_the_officer(make, desk)
    monkeypatch.setitem(app.config, "REMINDERS_LIST_LIMIT", 1)

    send("--date", "2025-03-17")

    (mail,) = inbox.to("officer@asean.example")
    assert mail["Subject"] == ("Your follow-ups on 17 March 2025: 2 overdue, 2 due in the next 7 days")
    text = text_part(mail)
    assert re.findall(r"^- (.+) \(ASEAN–Pakistan\)$", text, flags=re.M) == [
        "Send the list of nominees", "Confirm the venue", "Circulate the concept note"]
    assert "OVERDUE (2), oldest first\n" in text
    assert f"And 1 more: {PUBLIC_URL}/follow-ups/?mine=1&overdue=1\n" in text
