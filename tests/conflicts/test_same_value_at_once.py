"""Two people saving the same unique value at the same instant: the next JSCC number, the same participant on a
meeting, an organisation's name, an action line's code.

Each round, both officers open the form, type, and press Save at the same moment; both requests have checked that
the value is free before either writes (see racing.py), so the database is what refuses the second. Whoever
loses gets the form back, not a server error: the message beside the field, what they typed still in the boxes,
and nothing of theirs saved.
"""

import html
from datetime import date

import sqlalchemy as sa

from app.common.clashes import CLASHES
from app.extensions import db
from app.models import ActionLine, Meeting, MeetingParticipant, MeetingType, Organisation
from tests.conflicts.racing import filled, form_on, race

ROUNDS = 6


def post_of(who, url, data):
    return lambda: who.client.post(url, data=data)


def winner_and_loser(answers):
    """(the answer that saved, the one refused): a redirect to what was saved, and the form shown again."""
    assert sorted(answer.status_code for answer in answers) == [200, 302], [a.status_code for a in answers]
    saved = next(answer for answer in answers if answer.status_code == 302)
    refused = next(answer for answer in answers if answer.status_code == 200)
    return saved, refused.get_data(as_text=True)


def error_beside(page: str, field_id: str) -> str:
    """The message shown next to the field (GOV.UK error message, with its hidden "Error:" prefix)."""
    start = page.index(f'id="{field_id}-error"')
    text = page[page.index("</span>", start) + len("</span>"):page.index("</p>", start)]
    return html.unescape(text).strip()


def test_the_next_jscc_number_is_taken_once_and_the_other_officer_keeps_the_form(editors, make):
    officer, colleague = editors()
    partnership = make.partnership()
    make.meeting(partnership, type=MeetingType.JSCC, number=2, held_on=date(2023, 5, 10))
    url = "/meetings/new"
    for round_number in range(ROUNDS):
        number = str(3 + round_number)  # JSCC 2 exists: both take the next one, the 3rd, then the 4th ...
        page = f"{url}?partnership={partnership.slug}&type=jscc"
        forms = [
            filled(form_on(who.get(page).get_data(as_text=True), "number"), number=number, held_on__day="12",
                   held_on__month="3", held_on__year="2024", format="in_person", outcome_document="none",
                   venue=venue)
            for who, venue in ((officer, "Jakarta"), (colleague, "Islamabad"))
        ]
        answers = race(post_of(officer, url, forms[0]), post_of(colleague, url, forms[1]))

        _saved, refused = winner_and_loser(answers)
        assert error_beside(refused, "number") == (
            f"A meeting of this type numbered {number} was saved for this partnership at the same moment – "
            "enter a different number")
        assert f'value="{number}"' in refused
        loser_venue = "Jakarta" if "Jakarta" in refused.split('id="venue"')[1][:200] else "Islamabad"
        assert f'id="venue" name="venue" type="text" value="{loser_venue}"' in refused
        db.session.expire_all()
        venues = db.session.scalars(sa.select(Meeting.venue).where(Meeting.number == int(number))).all()
        assert len(venues) == 1 and venues[0] != loser_venue


def test_the_same_participant_is_added_to_a_meeting_once(editors, make):
    officer, colleague = editors()
    partnership = make.partnership()
    for round_number in range(ROUNDS):
        meeting = make.meeting(partnership, held_on=date(2024, 3, 1 + round_number))
        person = make.person(f"Ayesha Khan {round_number}")
        url = f"/meetings/{meeting.id}/participants/new"
        forms = [
            filled(form_on(who.get(url).get_data(as_text=True), "person_id"), person_id=str(person.id),
                   side="partner", role=role)
            for who, role in ((officer, "delegate"), (colleague, "head_of_delegation"))
        ]
        answers = race(post_of(officer, url, forms[0]), post_of(colleague, url, forms[1]))

        _saved, refused = winner_and_loser(answers)
        assert error_beside(refused, "person_id") == "This person is already listed for this meeting"
        assert f'<option selected value="{person.id}">' in refused
        db.session.expire_all()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(MeetingParticipant)
                                 .where(MeetingParticipant.meeting_id == meeting.id)) == 1


def test_an_organisation_name_is_taken_once_whatever_its_case(editors, make):
    officer, colleague = editors()
    url = "/organisations/new"
    for round_number in range(ROUNDS):
        # The service calls these the same name: so must the database, when both arrive at once.
        names = (f"Mekong River Commission {round_number}", f"MEKONG RIVER COMMISSION {round_number}")
        forms = [
            filled(form_on(who.get(url).get_data(as_text=True), "short_name"), name=name, short_name=short,
                   kind="international_organisation")
            for who, name, short in ((officer, names[0], "MRC"), (colleague, names[1], "Mekong"))
        ]
        answers = race(post_of(officer, url, forms[0]), post_of(colleague, url, forms[1]))

        _saved, refused = winner_and_loser(answers)
        typed = names[0] if f'value="{names[0]}"' in refused else names[1]
        assert error_beside(refused, "name") == (
            f"An organisation called {typed} already exists – enter a different name")
        db.session.expire_all()
        saved_names = db.session.scalars(
            sa.select(Organisation.name).where(sa.func.lower(Organisation.name) == names[0].lower())).all()
        assert saved_names == [names[1] if typed == names[0] else names[0]]


def test_an_action_line_code_is_taken_once_in_its_area_whatever_its_case(editors, make):
    officer, colleague = editors()
    partnership = make.partnership()
    area = make.area(make.plan(partnership), code="EDU-1", name="Education")
    url = f"/areas/{area.id}/action-lines/new"
    for round_number in range(ROUNDS):
        codes = (f"EDU-1.{round_number}", f"edu-1.{round_number}")
        forms = [
            filled(form_on(who.get(url).get_data(as_text=True), "code"), code=code, text=text)
            for who, code, text in ((officer, codes[0], "Scholarships"), (colleague, codes[1], "Teacher exchange"))
        ]
        answers = race(post_of(officer, url, forms[0]), post_of(colleague, url, forms[1]))

        _saved, refused = winner_and_loser(answers)
        # Codes are shown in capitals, however typed.
        assert error_beside(refused, "code") == (
            f"Action line code {codes[0]} is already used in this area – enter a different code")
        assert f'value="{codes[0]}"' in refused
        typed_text = "Scholarships" if "Scholarships</textarea>" in refused else "Teacher exchange"
        assert f"{typed_text}</textarea>" in refused
        db.session.expire_all()
        assert db.session.scalars(sa.select(ActionLine.text).where(
            ActionLine.area_id == area.id, sa.func.lower(ActionLine.code) == codes[1])).all() == [
            "Teacher exchange" if typed_text == "Scholarships" else "Scholarships"]


#: Unique rules no form of a person can meet: a session's token and a saved form's token are made at random.
#: Unique rules no form can meet: a session's random token, and the (id, owner) pairs that composite foreign keys
#: point at (each holds the id, unique on its own).
NOT_TYPED = {"uq_user_sessions_token_hash", "uq_meetings_id_partnership_id", "uq_positions_id_person_id",
             "uq_plans_id_partnership_id", "uq_cooperation_areas_id_plan_id",
             "uq_calendar_feeds_token_hash", "uq_api_tokens_token_hash",
             # Claimed by the reminders command with an insert that skips a digest already claimed.
             "uq_sent_digests_user_id_kind_day",
             # One search entry per record, written by the index as records are saved.
             "uq_search_entries_kind_record_id"}


def test_every_unique_rule_of_the_schema_has_a_field_and_words_for_the_form(app_context):
    """A unique rule added without a line in the clash table would give the loser of a race a server error again."""
    rules = set()
    for table in db.metadata.tables.values():
        rules |= {c.name for c in table.constraints if isinstance(c, sa.UniqueConstraint)}
        rules |= {index.name for index in table.indexes if index.unique}
    assert rules - NOT_TYPED - set(CLASHES) == set()
    assert set(CLASHES) - rules == set()  # and no line for a rule that is gone
