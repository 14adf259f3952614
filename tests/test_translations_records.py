"""Every visible word of the records' pages (users so far, and the page shown when someone else saved first) goes
through the translations: opened in the pseudo-language of tests/test_translations.py, with data between ‹ and ›."""

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
