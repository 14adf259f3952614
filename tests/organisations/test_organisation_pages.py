from app.extensions import db
from app.models import Organisation


def organisation_names():
    return sorted(db.session.scalars(db.select(Organisation.name)))


def test_add_a_country(signed_in, make):
    response = signed_in.submit(
        "/organisations/new",
        {"name": "Kingdom of Norway", "short_name": "Norway", "kind": "country", "iso_code": " no "},
    )
    assert response.status_code == 200
    assert "Organisation added: Kingdom of Norway" in response.get_data(as_text=True)
    norway = db.session.scalar(db.select(Organisation).filter_by(name="Kingdom of Norway"))
    assert (norway.short_name, norway.kind.value, norway.iso_code) == ("Norway", "country", "NO")


def test_empty_form_explains_each_problem_and_saves_nothing(signed_in, make):
    response = signed_in.submit("/organisations/new", {"name": "", "short_name": "", "iso_code": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: Add an organisation" in page
    assert "There is a problem" in page
    for message in ("Enter the name of the organisation", "Enter a short name", "Select the kind of organisation"):
        assert page.count(message) == 2, message  # once in the summary, once beside the field
    assert organisation_names() == []


def test_country_needs_its_iso_code_and_typed_values_are_kept(signed_in, make):
    response = signed_in.submit(
        "/organisations/new", {"name": "United Arab Emirates", "short_name": "UAE", "kind": "country"}
    )
    page = response.get_data(as_text=True)
    assert "Enter the ISO 3166 code of the country" in page
    assert 'value="United Arab Emirates"' in page
    assert organisation_names() == []


def test_bad_values_get_clear_messages(signed_in, make):
    make.organisation(name="Republic of India", short_name="India", iso_code="IN")
    response = signed_in.submit(
        "/organisations/new",
        {"name": "x" * 10_000, "short_name": "India", "kind": "no-such-kind", "iso_code": "IND"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Name must be 200 characters or less" in page
    assert "Select kind of organisation from the list" in page
    assert "ISO 3166 country code must be 2 characters or less" in page
    assert organisation_names() == ["Republic of India"]


def test_duplicate_name_is_refused_beside_the_field(signed_in, make):
    make.organisation(name="Republic of India", short_name="India", iso_code="IN")
    response = signed_in.submit(
        "/organisations/new", {"name": "republic of india", "short_name": "India 2", "kind": "other"}
    )
    assert "An organisation called republic of india already exists" in response.get_data(as_text=True)
    assert organisation_names() == ["Republic of India"]


def test_edit_archive_and_restore(signed_in, make):
    india = make.organisation(name="Republic of India", short_name="India", iso_code="IN")
    url = f"/organisations/{india.id}"
    signed_in.submit(f"{url}/edit", {"name": "Republic of India", "short_name": "Bharat", "kind": "country",
                                     "iso_code": "IN"})
    assert db.session.get(Organisation, india.id).short_name == "Bharat"

    confirm = signed_in.get(f"{url}/archive").get_data(as_text=True)
    assert "Archive organisation “Bharat”?" in confirm
    signed_in.submit(f"{url}/archive")
    assert "Bharat" not in signed_in.get("/organisations/").get_data(as_text=True)
    assert "Bharat" in signed_in.get("/organisations/?archived=1").get_data(as_text=True)

    signed_in.submit(f"{url}/restore", page=url)
    db.session.expire_all()
    assert db.session.get(Organisation, india.id).archived_at is None


def test_list_filters_and_pages(signed_in, make, app):
    for n in range(30):
        make.organisation(name=f"Country {n:02d}", short_name=f"C{n:02d}")
    first = signed_in.get("/organisations/").get_data(as_text=True)
    assert "Organisations (page 1 of 2)" in first
    assert "Country 24" in first and "Country 25" not in first
    assert "Country 29" in signed_in.get("/organisations/?page=2").get_data(as_text=True)
    assert signed_in.get("/organisations/?page=99").status_code == 302
    assert signed_in.get("/organisations/?page=abc").status_code == 200
    filtered = signed_in.get("/organisations/?q=country+07").get_data(as_text=True)
    assert "Country 07" in filtered and "Country 08" not in filtered


def test_viewer_cannot_add(as_role):
    viewer = as_role("viewer")
    assert viewer.get("/organisations/new").status_code == 403


def test_missing_record_is_a_404_page(signed_in):
    response = signed_in.get("/organisations/999999")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
