"""Reminders in Bahasa Indonesia: every visible word of the settings and unsubscribe pages goes through the
translations (opened in the pseudo-language of tests/test_translations.py, with data between ‹ and ›), and each
reminder e-mail is written in its reader's language: the one they chose for the pages, English when they left it to
their browser."""

import re
from datetime import date, time
from unittest import mock

from app.extensions import db
from app.models import DigestKind
from app.reminders.links import unsubscribe_token
from app.reminders.sending import send_digests
from tests.reminders.conftest import MONDAY, html_part, inbox, point_mail_at, run_send, text_part
from tests.test_translations import in_pseudo_indonesian, pseudo_app, pseudo_app_made, untranslated

__all__ = ["inbox", "pseudo_app", "pseudo_app_made"]  # the fixtures, found by pytest by their names here

PAGE = "/account/reminders"
WEEKLY_ON_WEDNESDAY = {"personal_digest": "weekly", "weekday": "2", "due_soon_days": "14"}
#: A link or a coloured word inside a sentence (a tag saying nothing aloud): a sentence translated whole has one.
INLINE_TAG = re.compile(r"<(a|span)\b(?![^>]*\b(?:aria-label|title)=)[^>]*>|</(a|span)>")


def unmarked(html: str) -> list[str]:
    """``untranslated`` of ``html``, each sentence read whole, with the links and coloured words inside it."""
    return untranslated(INLINE_TAG.sub("", html))


def test_every_word_of_the_reminder_settings_with_their_errors_and_flash_is_translated(pseudo_app, make):
    admin = in_pseudo_indonesian(pseudo_app, make, role="admin")  # an administrator also has the desk digest
    pages = [
        admin.get(PAGE),
        admin.submit(PAGE, {"personal_digest": "", "weekday": "9", "due_soon_days": ""}),  # nothing chosen
        admin.submit(PAGE, {**WEEKLY_ON_WEDNESDAY, "due_soon_days": "seven"}),
        admin.submit(PAGE, {**WEEKLY_ON_WEDNESDAY, "due_soon_days": "61"}),
    ]
    saved = admin.submit(PAGE, {**WEEKLY_ON_WEDNESDAY, "desk_digest": "y"})
    for page in [*pages, saved]:
        assert page.status_code == 200
        assert unmarked(page.get_data(as_text=True)) == []
    assert "⟦Select the day of the week for the weekly e-mail⟧" in pages[1].get_data(as_text=True)
    assert "⟦Days ahead must be between 1 and 60⟧" in pages[3].get_data(as_text=True)
    assert "⟦Your reminder e-mails have been changed⟧" in saved.get_data(as_text=True)


def test_every_word_of_the_unsubscribe_pages_and_of_an_unusable_link_is_translated(pseudo_app, make):
    """Opened from an e-mail, without signing in: in the language the browser prefers."""
    officer = make.user(role="admin", email="‹officer@asean.example›", name="‹Desk Officer›")
    with pseudo_app.app_context():
        links = {kind: f"/reminders/unsubscribe/{unsubscribe_token(officer.id, kind)}" for kind in DigestKind}
    visitor = pseudo_app.test_client()
    visitor.environ_base["HTTP_ACCEPT_LANGUAGE"] = "id"
    pages = [visitor.get(link) for link in links.values()]  # the button
    pages += [visitor.post(link) for link in links.values()]  # stopped
    with mock.patch("itsdangerous.timed.time.time", return_value=10**10):  # long after the link was made
        expired = visitor.get(links[DigestKind.PERSONAL])
    broken = visitor.get(links[DigestKind.PERSONAL][:-3])  # copied only in part
    for page in pages:
        assert page.status_code == 200
        assert unmarked(page.get_data(as_text=True)) == []
    for page in (expired, broken):
        assert page.status_code == 400
        assert unmarked(page.get_data(as_text=True)) == []
    assert "⟦Stop the weekly desk digest?⟧" in pages[1].get_data(as_text=True)
    assert "⟦You will no longer get the e-mail of your follow-ups⟧" in pages[2].get_data(as_text=True)
    assert "⟦This link has expired⟧" in expired.get_data(as_text=True)
    assert "⟦This link does not work⟧" in broken.get_data(as_text=True)


def owed_on_monday(make, data=lambda text: text):
    """Monday 17 March 2025. Siti (Bahasa Indonesia) looks after ASEAN–Pakistan: two follow-ups overdue, one due in a
    week, a meeting tomorrow. James (English) has one overdue; a partner's office one more. The head of desk
    (Bahasa Indonesia) and the deputy (as the browser prefers) get the desk digest. ``data`` marks the data."""
    siti = make.user(role="editor", email="siti@asean.example", name=data("Siti Rahman"), language="id")
    james = make.user(role="editor", email="james@asean.example", name=data("James Lee"), language="en")
    make.user(role="admin", email="head@asean.example", name=data("Head of Desk"), language="id")
    make.user(role="admin", email="deputy@asean.example", name=data("Deputy Head"))
    pakistan = make.partnership(make.organisation(name=data("Islamic Republic of Pakistan"),
                                                  short_name=data("Pakistan")), slug="asean-pakistan",
                                desk_officer_id=siti.id)
    make.follow_up(pakistan, data("Send the list of nominees"), owner=siti, due_on=date(2025, 3, 10))
    make.follow_up(pakistan, data("Share the draft work plan"), owner=siti, due_on=date(2025, 3, 14))
    make.follow_up(pakistan, data("Circulate the concept note"), owner=siti, due_on=date(2025, 3, 24))
    make.follow_up(pakistan, data("Draft the agenda"), owner=james, due_on=date(2025, 3, 12))
    make.follow_up(pakistan, data("Nominate a focal point"), partner_office=data("Mission of Pakistan"),
                   due_on=date(2025, 3, 1))
    make.meeting(pakistan, held_on=date(2025, 3, 18), starts_at=time(9, 30), venue=data("ASEAN Secretariat"),
                 title=data("Courtesy call on the Deputy Secretary-General"))


#: A web address, which ends where the characters URLs are made of end (a translated sentence's mark, a quote).
WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+")


def readable(text_or_html: str) -> list[str]:
    """``unmarked`` of an e-mail's part, its web addresses (data) taken out."""
    return unmarked(WEB_ADDRESS.sub("", text_or_html))


def test_every_word_of_the_digests_is_translated_for_a_reader_of_bahasa_indonesia(pseudo_app, make, inbox,
                                                                                  monkeypatch):
    owed_on_monday(make, data=lambda text: f"‹{text}›")
    intern = make.user(role="viewer", email="intern@asean.example", name="‹Intern›", language="id")
    norway = make.partnership(make.organisation(name="‹Kingdom of Norway›", short_name="‹Norway›"),
                              slug="asean-norway")
    make.follow_up(norway, "‹Sound out the minister›", owner=intern, due_on=date(2025, 3, 12), is_restricted=True)
    point_mail_at(pseudo_app, monkeypatch, inbox.port)
    monkeypatch.setitem(pseudo_app.config, "REMINDERS_LIST_LIMIT", 1)  # "and 1 more", in both digests
    db.session.commit()

    with pseudo_app.app_context():
        send_digests(MONDAY)

    mails = {mail["To"]: mail for mail in inbox.messages}
    for reader in ("siti@asean.example", "head@asean.example", "intern@asean.example"):
        mail = mails[reader]
        assert readable(mail["Subject"]) == [], reader
        assert readable(text_part(mail)) == [], reader
        assert readable(html_part(mail)) == [], reader
        assert '<html lang="id">' in html_part(mail)
    assert "⟦Restricted follow-up action⟧" in text_part(mails["intern@asean.example"])
    assert "⟦%(name)s (partner)⟧" in text_part(mails["head@asean.example"]).replace("‹Mission of Pakistan›",
                                                                                    "%(name)s")
    assert mails["james@asean.example"]["Subject"].startswith("Your follow-ups on 17 March 2025")


def test_each_digest_reads_in_its_readers_language_and_the_command_still_reports_in_english(app, make, inbox,
                                                                                             monkeypatch):
    """Through the committed catalogue and the real mail server: Siti and the head of desk chose Bahasa Indonesia,
    James English, and the deputy left it to the browser, which is not there when an e-mail is written."""
    owed_on_monday(make)

    result = run_send(app, "--date", "2025-03-17")

    assert result.exit_code == 0, result.output
    assert "personal digest to siti@asean.example: sent\n" in result.output
    assert "desk digest to head@asean.example: sent\n" in result.output
    siti, = inbox.to("siti@asean.example")
    assert siti["Subject"] == ("Tindak lanjut Anda per 17 Maret 2025: 2 lewat tenggat, 1 jatuh tempo dalam 7 hari ke "
                               "depan, 1 pertemuan besok")
    text = text_part(siti)
    assert text.startswith("Yth. Siti Rahman,\n")
    assert "LEWAT TENGGAT (2), yang terlama lebih dulu\n" in text
    assert "Tenggat 10 Maret 2025, 7 hari lewat tenggat\n" in text
    assert "Tenggat 24 Maret 2025, jatuh tempo dalam 7 hari\n" in text
    assert "PERTEMUAN BESOK, 18 Maret 2025, dari kemitraan yang Anda tangani\n" in text
    assert "\n  Pukul 09:30, ASEAN Secretariat\n" in text
    assert "Hentikan email ini: https://" in text
    html = html_part(siti)
    assert '<html lang="id">' in html and "<title>Tindak lanjut Anda per 17 Maret 2025</title>" in html
    assert "Dikirim oleh <a href=" in html

    head = inbox.to("head@asean.example")
    assert [mail["Subject"] for mail in head] == [
        "Tindak lanjut desk yang lewat tenggat per 17 Maret 2025: 4 di 1 kemitraan"]
    assert "Penanggung jawab: Mission of Pakistan (mitra). Tenggat 1 Maret 2025, 16 hari lewat tenggat" in text_part(
        head[0])

    james, = inbox.to("james@asean.example")
    assert james["Subject"] == "Your follow-ups on 17 March 2025: 1 overdue"
    assert "Due 12 March 2025, 5 days overdue\n" in text_part(james)
    assert '<html lang="en">' in html_part(james)
    deputy, = inbox.to("deputy@asean.example")
    assert deputy["Subject"] == "Overdue follow-ups of the desk on 17 March 2025: 4 across 1 partnership"
    assert "Owner: Siti Rahman. Due 10 March 2025, 7 days overdue" in text_part(deputy)

