"""Every visible word of the records' pages (users so far, and the page shown when someone else saved first) goes
through the translations: opened in the pseudo-language of tests/test_translations.py, with data between ‹ and ›."""

import re

from app.api_tokens.services import create_token
from app.common.forms import max_length
from app.extensions import db
from tests.conflicts.racing import filled, form_on
from tests.conftest import FormFiller
from tests.test_translations import in_pseudo_indonesian, pseudo_app, pseudo_app_made, untranslated
from tests.translations import compiled_catalogues

__all__ = ["pseudo_app", "pseudo_app_made"]  # the fixtures, found by pytest by their names here


def as_admin(pseudo_app, make) -> FormFiller:
    return in_pseudo_indonesian(pseudo_app, make, role="admin")


def test_every_word_of_the_user_pages_with_their_errors_is_translated(pseudo_app, make):
    admin = as_admin(pseudo_app, make)
    colleague = make.user(role="viewer", email="‹colleague@asean.example›", name="‹Siti Rahman›")
    never_signed_in = f"/users/{colleague.id}"
    pages = [
        admin.get("/users/"),
        admin.get("/users/new"),
        admin.submit("/users/new", {"email": "not an address", "name": "", "password": "short"}),
        admin.get(f"{never_signed_in}/edit"),
        admin.submit(f"{never_signed_in}/edit", {"name": "", "role": "", "version": str(colleague.version)}),
        admin.get(f"{never_signed_in}/password"),
        admin.submit(f"{never_signed_in}/password", {"new_password": "short"}),
        admin.get(f"/users/{admin.user.id}/edit"),  # one's own: "your tokens", signing oneself out everywhere
        admin.submit(f"/users/{admin.user.id}/edit", {"name": "‹Desk Officer›", "role": "viewer",
                                                     "version": str(admin.user.version)}),  # one's own role kept
    ]
    saved = admin.submit(f"{never_signed_in}/edit", {"name": "‹Siti R.›", "role": "editor", "is_active": "y",
                                                     "version": str(colleague.version)})
    pages += [saved, admin.get(f"{never_signed_in}/edit")]  # the flash, then its history of one change
    for page in pages:
        assert page.status_code == 200
        assert untranslated(page.get_data(as_text=True)) == []
    assert "⟦User saved: %(name)s⟧" in saved.get_data(as_text=True).replace("‹Siti R.›", "%(name)s")


def test_every_word_of_the_page_shown_when_someone_else_saved_first_is_translated(pseudo_app, make):
    admin = as_admin(pseudo_app, make)
    colleague = make.user(role="viewer", email="‹colleague@asean.example›", name="‹Siti Rahman›")
    opened_on = str(colleague.version)
    admin.submit(f"/users/{colleague.id}/edit", {"name": "‹Siti R.›", "role": "viewer", "version": opened_on})
    conflict = admin.submit(f"/users/{colleague.id}/edit", {"name": "‹S. Rahman›", "role": "admin",
                                                            "is_active": "y", "version": opened_on})
    page = conflict.get_data(as_text=True)
    assert untranslated(page) == []
    assert "⟦What is saved now and what you typed⟧" in page


def test_the_user_list_reads_in_indonesian(app, make, tmp_path):
    """Through the committed catalogue: the heading and the button as an Indonesian reader finds them."""
    from app import create_app

    indonesian = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                            BABEL_TRANSLATION_DIRECTORIES=str(compiled_catalogues(tmp_path)))
    admin = make.user(role="admin", email="admin@asean.example", name="Admin", language="id")
    visitor = FormFiller(indonesian.test_client())
    visitor.sign_in(admin)
    page = visitor.get("/users/").get_data(as_text=True)
    assert '<h1 class="mb-0">Pengguna</h1>' in page
    assert ">Tambahkan pengguna</a>" in page


def test_every_word_of_the_api_token_pages_with_their_errors_is_translated(pseudo_app, make):
    admin = as_admin(pseudo_app, make)
    pages = [
        admin.get("/account/api-tokens"),  # none yet
        admin.submit("/account/api-tokens", {"name": "", "expires_on-day": "31", "expires_on-month": "2",
                                             "expires_on-year": "2030"}),
        admin.submit("/account/api-tokens", {"name": "‹Portal›", "scope": "read", "expires_on-day": "1"}),
        admin.submit("/account/api-tokens", {"name": "‹Portal›", "scope": "read", "expires_on-day": "1",
                                             "expires_on-month": "1", "expires_on-year": "2001"}),
        admin.submit("/account/api-tokens", {"name": "‹Portal›", "scope": "read"}),  # made: shown once
    ]
    with pseudo_app.app_context():
        create_token(make.user(role="viewer", email="‹colleague@asean.example›", name="‹Siti Rahman›"),
                     "‹Spreadsheet›", "read")
        db.session.commit()
    pages += [admin.get("/account/api-tokens"), admin.get("/admin/api-tokens")]
    every = pages[-1].get_data(as_text=True)
    revoke_any = every.split('href="/admin/api-tokens/')[1].split('"')[0]
    pages.append(admin.get(f"/admin/api-tokens/{revoke_any}"))
    pages.append(admin.submit(f"/admin/api-tokens/{revoke_any}", page=f"/admin/api-tokens/{revoke_any}"))
    made = pages[4].get_data(as_text=True)
    token = made.split('<code id="new-token" aria-labelledby="new-token-label">')[1].split("<")[0]
    pages[4] = made.replace(token, "‹the token›")  # the token is the page's one datum
    for page in pages:
        html = page if isinstance(page, str) else page.get_data(as_text=True)
        assert untranslated(html) == []
    assert "⟦%(what)s must be a real date⟧" in pages[1].get_data(as_text=True).replace("⟦the expiry date⟧",
                                                                                       "%(what)s")


def test_every_word_of_the_search_page_is_translated(pseudo_app, make):
    visitor = in_pseudo_indonesian(pseudo_app, make)
    partner = make.organisation(name="‹Kingdom of Norway›", short_name="‹Norway›")
    make.partnership(partner, slug="asean-norway")
    pages = [
        visitor.get("/search"),  # nothing asked yet
        visitor.get("/search?q=%E2%80%B9Norway%E2%80%BA"),  # found
        visitor.get("/search?q=%E2%80%B9Norway%E2%80%BA&kind=organisation&archived=1"),
        visitor.get("/search?q=%E2%80%B9zzzz%E2%80%BA&kind=meeting"),  # nothing found, with a filter to drop
        visitor.get("/search?q=%E2%80%B9...%E2%80%BA"),  # no letters
        visitor.get("/search?q=%E2%80%B9Norway%E2%80%BA&kind=planet&partnership=nowhere&since-day=31"
                    "&since-month=2&since-year=2025&until-day=1&until-month=1&until-year=2020"),  # every error
    ]
    for page in pages:
        assert page.status_code == 200
        # The words found are marked inside the data they are part of: the marks alone, kept out of the check. A
        # hit's snippet is a piece of the search index, kept in English with the record's words.
        html = page.get_data(as_text=True).replace("<mark>", "").replace("</mark>", "")
        html = re.sub(r'<p class="mb-0 small">.*?</p>', "", html, flags=re.DOTALL)
        assert untranslated(html) == []


def test_every_word_of_the_audit_log_and_a_record_history_is_translated(pseudo_app, make):
    admin = as_admin(pseudo_app, make)
    colleague = make.user(role="viewer", email="‹colleague@asean.example›", name="‹Siti Rahman›")
    admin.submit(f"/users/{colleague.id}/edit", {"name": "‹Siti R.›", "role": "editor", "is_active": "y",
                                                 "version": str(colleague.version)})
    pages = [
        admin.get("/admin/audit"),
        admin.get("/admin/audit?user=999999&type=planets&action=exploded&since-day=1"),  # every error
        admin.get("/admin/audit?type=meetings"),  # no entries
        admin.get(f"/history?type=users&id={colleague.id}"),
        admin.get(f"/history?type=users&id={admin.user.id}"),  # no changes
    ]
    for page in pages:
        assert page.status_code == 200
        assert untranslated(page.get_data(as_text=True)) == []
    assert "⟦Audit log⟧" in pages[0].get_data(as_text=True)


def test_every_word_of_the_organisation_pages_with_their_errors_is_translated(pseudo_app, make):
    editor = in_pseudo_indonesian(pseudo_app, make)
    # A ministry: no ISO code, which is two capitals and could not be marked as data.
    norway = make.organisation(name="‹Kingdom of Norway›", short_name="‹Norway›", kind="ministry")
    pages = [
        editor.get("/organisations/"),
        editor.get("/organisations/?q=%E2%80%B9nowhere%E2%80%BA"),  # none match
        editor.get("/organisations/new"),
        editor.submit("/organisations/new", {"name": "", "short_name": "", "kind": "country", "iso_code": "x"}),
        editor.submit("/organisations/new", {"name": "‹Kingdom of Norway›", "short_name": "‹N›", "kind": "ministry"}),
        editor.get(f"/organisations/{norway.id}/edit"),
    ]
    reader = make.user(role="viewer", email="‹reader@asean.example›", name="‹Reader›", language="id")
    viewer = FormFiller(pseudo_app.test_client())
    viewer.sign_in(reader)
    pages.append(viewer.get(f"/organisations/{norway.id}"))  # the detail page, without the archiving buttons
    for page in pages:
        assert page.status_code == 200
        assert untranslated(page.get_data(as_text=True)) == []



def test_the_notice_of_a_form_posted_twice_reads_in_the_readers_language(pseudo_app, make):
    visitor = in_pseudo_indonesian(pseudo_app, make, role="admin")
    page = visitor.get("/organisations/new").get_data(as_text=True)
    form = filled(form_on(page, "name"), name="‹Mekong Institute›", short_name="‹MI›", kind="other")
    assert visitor.client.post("/organisations/new", data=form).status_code == 302
    again = visitor.client.post("/organisations/new", data=form, follow_redirects=True).get_data(as_text=True)
    assert ("⟦This form was already saved: here is ⟦the organisation it added⟧. Nothing was saved a second time.⟧"
            in again)
    assert untranslated(again) == []


def test_a_length_limit_is_written_with_the_readers_digits(app):
    limit = max_length("Ringkasan", 5000)
    with app.test_request_context("/", headers={"Accept-Language": "id"}):
        assert "5.000" in str(limit.message)
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert str(limit.message) == "Ringkasan must be 5,000 characters or less"
