"""A partnership's slug is its address: after someone changes it, the old address still leads to the partnership,
and a colleague's edit form opened before the change still reaches the conflict check instead of "not found"."""

from app.extensions import db
from app.models import Partnership
from tests.conflicts.editors import conflict_rows, open_form, read_form, send


def test_a_form_opened_before_the_slug_changed_shows_the_conflict(editors, make):
    first, second = editors()
    pakistan = make.partnership()
    old_url = "/partnerships/asean-pakistan/edit"
    first_opened, second_opened = open_form(first, old_url), open_form(second, old_url)

    assert send(first, old_url, first_opened, slug="asean-pk").status_code == 200
    second_opened.setlist("notes", ["Annual review in May"])
    response = second.client.post(old_url, data=second_opened)
    # 308: a browser sends the same form again to the new address (the test client does not, so it is done here).
    assert response.status_code == 308
    assert response.headers["Location"] == "/partnerships/asean-pk/edit"
    response = second.client.post(response.headers["Location"], data=second_opened)

    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Someone else changed ASEAN–Pakistan while you were editing it" in html
    assert conflict_rows(html)["Web address"] == ("asean-pk", "asean-pakistan")
    db.session.expire_all()
    assert db.session.get(Partnership, pakistan.id).notes is None

    # Re-applying from the conflict page keeps the new slug only if the second editor chooses it: here they keep
    # their notes and take the first editor's slug.
    form = read_form(html)
    form["slug"] = "asean-pk"
    response = second.client.post("/partnerships/asean-pk/edit", data=form, follow_redirects=True)
    assert response.status_code == 200
    db.session.expire_all()
    saved = db.session.get(Partnership, pakistan.id)
    assert (saved.slug, saved.notes) == ("asean-pk", "Annual review in May")


def test_old_addresses_lead_to_the_partnership_at_its_new_slug(editors, make):
    first, _ = editors()
    pakistan = make.partnership()
    make.plan(pakistan)
    send(first, "/partnerships/asean-pakistan/edit", open_form(first, "/partnerships/asean-pakistan/edit"),
         slug="asean-pk")

    response = first.client.get("/partnerships/asean-pakistan")
    assert response.status_code == 308
    assert response.headers["Location"] == "/partnerships/asean-pk"
    response = first.client.get("/partnerships/asean-pakistan/plans/new?kind=pca")
    assert response.status_code == 308
    assert response.headers["Location"] == "/partnerships/asean-pk/plans/new?kind=pca"
    assert "ASEAN–Pakistan" in first.client.get("/partnerships/asean-pakistan", follow_redirects=True).get_data(
        as_text=True)

    # Renamed back and again: each former slug still leads to the partnership.
    for old, new in (("asean-pk", "asean-pakistan"), ("asean-pakistan", "asean-pak")):
        send(first, f"/partnerships/{old}/edit", open_form(first, f"/partnerships/{old}/edit"), slug=new)
    for old in ("asean-pakistan", "asean-pk"):
        assert first.client.get(f"/partnerships/{old}").headers["Location"] == "/partnerships/asean-pak"

    # A slug no partnership ever had is still simply not found.
    assert first.client.get("/partnerships/asean-nowhere").status_code == 404
