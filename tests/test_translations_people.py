"""Every visible word of the people pages goes through the translations: the list, a person's page with their posts
and meetings, the forms that add and change a person or a post (with each message they give), the flashes after
saving and an archived person's page. Opened in the pseudo-language of tests/test_translations.py, with data between
‹ and ›."""

from datetime import date, timedelta

from app.meetings import services as meetings
from tests.conftest import FormFiller
from tests.people.test_people_pages import position_data
from tests.test_translations import in_pseudo_indonesian, pseudo_app, pseudo_app_made, untranslated
from tests.test_translations_meetings import INLINE_TAGS
from tests.translations import compiled_catalogues

__all__ = ["pseudo_app", "pseudo_app_made"]  # the fixtures, found by pytest by their names here

#: The ambassador's post began on this day (1 Maret 2024 on an Indonesian page), and he attended a call in it then.
POSTED_ON = date(2024, 3, 1)
CALLED_ON = date(2025, 3, 25)

#: Words the people pages show that other parts write and mark: the shared archive controls and notice; and the
#: secretariat's name as the tests' factories give it, offered among the organisations.
ELSEWHERE = {"Archive person", "Restore person", "This person is archived", "Association of Southeast Asian Nations"}
ELSEWHERE_STARTS = ("It was archived on",)


def unmarked(page) -> list[str]:
    """The words of ``page`` (a response) left unmarked by the people pages. A link inside a sentence is part of
    its message: its tags are taken out so the sentence reads as one."""
    assert page.status_code == 200
    left = untranslated(INLINE_TAGS.sub("", page.get_data(as_text=True)))
    return [text for text in left if text not in ELSEWHERE and not text.startswith(ELSEWHERE_STARTS)]


def text_of(page) -> str:
    return page.get_data(as_text=True)


def ambassador_with_a_career(make):
    """‹H.E.› ‹Ameer Rathore›: ambassador since 1 March 2024, director before (both dates known), an adviser whose
    dates are not known; at a meeting as ambassador, and at one held before any post recorded."""
    mission = make.organisation(name="‹Mission of Pakistan to ASEAN›", short_name="‹Pakistan Mission›", kind="other")
    ministry = make.organisation(name="‹Ministry of Foreign Affairs›", short_name="‹MoFA›", kind="ministry")
    ameer = make.person(full_name="‹Ameer Rathore›", honorific="‹H.E.›", email="‹ameer@mofa.example›",
                        notes="‹Speaks Urdu›")
    make.position(ameer, ministry, title="‹Director›", starts_on=date(2020, 1, 6), ends_on=POSTED_ON - timedelta(1))
    make.position(ameer, mission, title="‹Ambassador›", starts_on=POSTED_ON)
    make.position(ameer, ministry, title="‹Adviser›")
    pakistan = make.partnership(make.organisation(name="‹Islamic Republic of Pakistan›", short_name="‹Pakistan›"),
                                slug="asean-pakistan")
    call = make.meeting(pakistan, title="‹Courtesy call on the Secretary-General›", held_on=CALLED_ON)
    meetings.add_participant(call, side="partner", role="head_of_delegation", person=ameer)
    earlier = make.meeting(pakistan, title="‹Consultation›", held_on=date(2015, 6, 1))
    meetings.add_participant(earlier, side="partner", role="member", person=ameer).position = None
    make.db.session.commit()
    return ameer, mission, ministry


def post_of(person, title):
    return next(position for position in person.positions if position.title == title)


def test_every_word_of_the_people_list_is_translated(pseudo_app, make):
    visitor = in_pseudo_indonesian(pseudo_app, make)
    ameer, mission, _ = ambassador_with_a_career(make)
    make.person(full_name="‹Siti Rahman›")  # no post
    gone = make.person(full_name="‹Tieu Van›")
    gone.archive()
    make.db.session.commit()
    pages = [
        visitor.get("/people/"),
        visitor.get(f"/people/?organisation={mission.id}"),  # only those who held a post there
        visitor.get("/people/?archived=1"),
        visitor.get("/people/?q=%E2%80%B9nobody%E2%80%BA&archived=1"),  # none match
    ]
    for page in pages:
        assert unmarked(page) == []
    assert "⟦No current post recorded⟧" in text_of(pages[0])
    assert "⟦Archived⟧" in text_of(pages[2])
    assert "⟦No people match.⟧" in text_of(pages[3])


def test_every_word_of_a_person_page_is_translated(pseudo_app, make):
    editor = in_pseudo_indonesian(pseudo_app, make)
    ameer, _, _ = ambassador_with_a_career(make)
    newcomer = make.person(full_name="‹Siti Rahman›")  # no posts, no meetings
    reader = make.user(role="viewer", email="‹reader@asean.example›", name="‹Reader›", language="id")
    viewer = FormFiller(pseudo_app.test_client())
    viewer.sign_in(reader)
    pages = [editor.get(f"/people/{ameer.id}"), viewer.get(f"/people/{ameer.id}"),
             editor.get(f"/people/{newcomer.id}")]
    for page in pages:
        assert unmarked(page) == []
    full = text_of(pages[0])
    assert "⟦Current⟧" in full and "⟦No end date⟧" in full and "⟦Not known⟧" in full
    assert "⟦Not recorded⟧" in full  # the meeting held before any post recorded
    assert "⟦No positions recorded.⟧" in text_of(pages[2]) and "⟦No meetings recorded.⟧" in text_of(pages[2])


def test_every_word_of_an_archived_person_page_is_translated(pseudo_app, make):
    editor = in_pseudo_indonesian(pseudo_app, make)
    ameer, _, _ = ambassador_with_a_career(make)
    ameer.archive()  # the flash of archiving is the archive controls' own
    make.db.session.commit()
    archived = editor.get(f"/people/{ameer.id}")
    assert unmarked(archived) == []
    assert "⟦Positions⟧" in text_of(archived)


def test_every_word_of_the_person_forms_with_their_errors_and_flashes_is_translated(pseudo_app, make):
    editor = in_pseudo_indonesian(pseudo_app, make)
    siti = make.person(full_name="‹Siti Rahman›")
    ameer, _, _ = ambassador_with_a_career(make)
    make.person(full_name="‹Ameer Rathore›", honorific="‹Dato'›")  # a second of that name, with no post
    too_long = {"honorific": "‹" + "H" * 41 + "›", "full_name": "‹" + "N" * 201 + "›",
                "email": "‹" + "e" * 250 + "@x.example›", "notes": "‹" + "n" * 5001 + "›"}
    edit = f"/people/{siti.id}/edit"
    pages = [
        editor.get("/people/new"),
        editor.submit("/people/new", {"full_name": ""}),
        editor.submit("/people/new", too_long),
        editor.submit("/people/new", {"full_name": "‹Nur Aini›", "email": "‹not an address›"}),
        editor.submit("/people/new", {"full_name": "‹Siti Rahman›"}),  # one recorded under the name
        editor.submit("/people/new", {"full_name": "‹Ameer Rathore›"}),  # two recorded under the name
        editor.submit("/people/new", {"full_name": "‹Nur Aini›"}),  # saved: to the person's page
        editor.get(edit),
        editor.submit(edit, {"full_name": "", "version": str(siti.version)}),
        editor.submit(edit, {**too_long, "version": str(siti.version)}),
        editor.submit(edit, {"full_name": "‹Siti R.›", "notes": "‹Met in Jakarta›", "version": str(siti.version)}),
    ]
    for page in pages:
        assert unmarked(page) == []
    assert "⟦⟦Honorific⟧ must be 40 characters or less⟧" in text_of(pages[2])
    assert "⟦⟦Notes⟧ must be 5.000 characters or less⟧" in text_of(pages[9])  # in the digits of Bahasa Indonesia
    assert "⟦Enter an email address in the correct format, like name@example.org⟧" in text_of(pages[3])
    one, two = text_of(pages[4]), text_of(pages[5])
    assert f'⟦Already recorded: <a href="/people/{siti.id}">‹Siti Rahman›</a>, ⟦no post held today⟧⟧' in one
    assert ("⟦‹Siti Rahman› is already recorded (⟦no post held today⟧) – ⟦add to their record instead⟧, or confirm "
            "this is a different person⟧") in one
    assert "⟦This is a different person with the same name⟧" in one
    assert ("⟦⟦‹H.E.› ‹Ameer Rathore› (‹Ambassador›, ‹Pakistan Mission›) and ‹Dato&#39;› ‹Ameer Rathore› "
            "(⟦no post held today⟧)⟧ are already recorded – ⟦add to one of their records instead⟧, or confirm this "
            "is a different person⟧") in two
    assert f'⟦Already recorded: <a href="/people/{ameer.id}">‹H.E.› ‹Ameer Rathore›</a>, ‹Ambassador›, ' \
           '‹Pakistan Mission›⟧' in two
    assert "⟦Person added: ‹Nur Aini›. Add the post they hold.⟧" in text_of(pages[6])
    assert "⟦Person saved: ‹Siti R.›⟧" in text_of(pages[10])


def test_every_word_of_the_position_forms_with_their_errors_and_flashes_is_translated(pseudo_app, make):
    editor = in_pseudo_indonesian(pseudo_app, make)
    ameer, mission, ministry = ambassador_with_a_career(make)
    newcomer = make.person(full_name="‹Siti Rahman›")
    add, first = f"/people/{ameer.id}/positions/new", f"/people/{newcomer.id}/positions/new"
    ambassador = post_of(ameer, "‹Ambassador›")
    change = f"/positions/{ambassador.id}/edit"

    def corrected(starts, ends=("", "", "")):
        return position_data(mission.id, title="‹Ambassador›", starts=starts, ends=ends,
                             version=str(ambassador.version))

    pages = [
        editor.get(first),  # nothing to end
        editor.get(add),  # two posts with no end date to end
        editor.submit(add, position_data("", title="")),
        editor.submit(add, position_data("999999", title="‹" + "T" * 301 + "›")),
        editor.submit(add, position_data(mission.id, title="‹Minister›", starts=("31", "2", "2024"),
                                         ends=("1", "", ""))),
        editor.submit(add, position_data(mission.id, title="‹Minister›", starts=("1", "4", "2024"),
                                         ends=("31", "3", "2024"))),
        editor.submit(add, position_data(mission.id, title="‹Minister›", end_current="y")),  # no start date
        editor.submit(add, position_data(mission.id, title="‹Minister›", end_current="y", starts=("1", "3", "2024"))),
        editor.submit(first, position_data(ministry.id, title="‹Director›")),  # saved
        editor.get(change),
        editor.submit(change, corrected(starts=("1", "4", "2025"))),  # after the call attended in the post
        editor.submit(change, corrected(starts=("1", "3", "2024"), ends=("1", "3", "2025"))),  # before the call
        editor.submit(change, corrected(starts=("1", "3", "2024"), ends=("31", "12", "2025"))),  # saved
    ]
    for page in pages:
        assert unmarked(page) == []
    assert "⟦Ends %(posts)s, which have no end date⟧" in text_of(pages[1]).replace(
        "‹Ambassador›, ‹Adviser›", "%(posts)s")
    assert "⟦Select the organisation from the list⟧" in text_of(pages[3])
    assert "⟦End date must be the same as or after 1 April 2024, the start date⟧" in text_of(pages[5])
    assert "⟦Enter the start date of the new post, so the current position can end the day before⟧" in text_of(
        pages[6])
    assert "⟦Start date must be after 1 Maret 2024, when the position of ‹Ambassador› started⟧" in text_of(pages[7])
    assert "⟦Position added: ‹Director›⟧" in text_of(pages[8])
    assert ("⟦Start date must be the same as or before 25 Maret 2025, the date of the ‹Courtesy call on the "
            "Secretary-General› attended in this post⟧") in text_of(pages[10])
    assert ("⟦End date must be the same as or after 25 Maret 2025, the date of the ‹Courtesy call on the "
            "Secretary-General› attended in this post⟧") in text_of(pages[11])
    assert "⟦Position saved: ‹Ambassador›⟧" in text_of(pages[12])


def test_a_person_page_and_the_position_form_read_in_indonesian(app, make, tmp_path):
    """Through the committed catalogue: a person's posts, the message of a post ending before it starts and the
    heading of the form adding someone."""
    from app import create_app

    indonesian = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                            BABEL_TRANSLATION_DIRECTORIES=str(compiled_catalogues(tmp_path)))
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer", language="id")
    visitor = FormFiller(indonesian.test_client())
    visitor.sign_in(officer)
    mission = make.organisation(name="Mission of Pakistan to ASEAN", short_name="Pakistan Mission", kind="other")
    ameer = make.person(full_name="Ameer Khurram Rathore")
    make.position(ameer, mission, title="Ambassador", starts_on=date(2024, 4, 1))
    page = text_of(visitor.get(f"/people/{ameer.id}"))
    assert '<h2 class="h3 mb-0" id="positions-heading">Jabatan</h2>' in page
    assert "<td>1 April 2024</td>" in page and "<td>Tanpa tanggal berakhir</td>" in page
    refused = text_of(visitor.submit(f"/people/{ameer.id}/positions/new", position_data(
        mission.id, title="Minister", starts=("1", "4", "2025"), ends=("31", "3", "2025"))))
    assert "Tanggal berakhir harus sama dengan atau setelah 1 April 2025, tanggal mulai" in refused
    assert '<h1 class="mt-2 mb-4">Tambahkan kontak</h1>' in text_of(visitor.get("/people/new"))
