"""Naming the officer who looks after a partnership, on its form and its page."""

import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Partnership


def edit_data(partnership, **changes):
    data = {"organisation": str(partnership.organisation_id), "partner": str(partnership.partner_id),
            "slug": partnership.slug, "notes": partnership.notes or "", "desk_officer": "",
            "version": str(partnership.version)}
    return {**data, **changes}


def officer_of(partnership_id):
    db.session.expire_all()
    return db.session.get(Partnership, partnership_id).desk_officer_id


def test_an_editor_names_the_desk_officer_and_the_page_shows_them(signed_in, make):
    partnership = make.partnership()
    colleague = make.user(email="amina@asean.example", name="Amina Rahman")
    form = signed_in.get(f"/partnerships/{partnership.slug}/edit").get_data(as_text=True)
    assert '<option selected value="">No desk officer</option>' in form
    assert f'<option value="{colleague.id}">Amina Rahman</option>' in form

    response = signed_in.submit(f"/partnerships/{partnership.slug}/edit",
                                edit_data(partnership, desk_officer=str(colleague.id)))
    page = response.get_data(as_text=True)
    assert "Partnership saved: ASEAN–Pakistan" in page
    assert "Desk officer" in page and "Amina Rahman" in page
    assert officer_of(partnership.id) == colleague.id
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.record_type == "partnerships")
                               .order_by(AuditEntry.id.desc())).first()
    assert entry.changes["desk_officer"] == [None, "Amina Rahman"]


def test_an_officer_who_can_no_longer_sign_in_is_not_offered_and_is_refused(signed_in, make):
    partnership = make.partnership()
    gone = make.user(email="left@asean.example", name="Former Officer", is_active=False)
    form = signed_in.get(f"/partnerships/{partnership.slug}/edit").get_data(as_text=True)
    assert "Former Officer" not in form

    response = signed_in.submit(f"/partnerships/{partnership.slug}/edit",
                                edit_data(partnership, desk_officer=str(gone.id), notes="Kept"))
    page = response.get_data(as_text=True)
    assert "<title>Error: Change ASEAN–Pakistan" in page
    assert page.count("Select a desk officer from the list, or No desk officer") == 2
    assert "Kept</textarea>" in page
    assert officer_of(partnership.id) is None


def test_a_desk_officer_who_left_stays_until_changed(signed_in, make):
    gone = make.user(email="left@asean.example", name="Former Officer")
    partnership = make.partnership(desk_officer=gone)
    gone.is_active = False
    db.session.commit()

    form = signed_in.get(f"/partnerships/{partnership.slug}/edit").get_data(as_text=True)
    assert f'<option selected value="{gone.id}">Former Officer</option>' in form
    response = signed_in.submit(f"/partnerships/{partnership.slug}/edit",
                                edit_data(partnership, desk_officer=str(gone.id), notes="Still his"))
    assert "Partnership saved" in response.get_data(as_text=True)
    assert officer_of(partnership.id) == gone.id

    signed_in.submit(f"/partnerships/{partnership.slug}/edit",
                     edit_data(db.session.get(Partnership, partnership.id), desk_officer=""))
    assert officer_of(partnership.id) is None


def test_an_unknown_officer_is_refused(signed_in, make):
    partnership = make.partnership()
    response = signed_in.submit(f"/partnerships/{partnership.slug}/edit", edit_data(partnership, desk_officer="999"))
    assert "Select a desk officer from the list, or No desk officer" in response.get_data(as_text=True)
    assert officer_of(partnership.id) is None
