"""The home page stays the same size however many partnerships a desk has: the heatmap is paged, each kind of
signal shows its first ten with a link to all of them, and the signals follow every saved change."""

from datetime import date, timedelta

from tests.plans.helpers import date_fields

TODAY = date.today()
LONG_AGO = TODAY - timedelta(days=400)


def quiet_partnership(make, n: int, areas: int = 1):
    """Country NN, whose plan started 400 days ago and whose areas have heard nothing since: each is quiet."""
    partnership = make.partnership(make.organisation(name=f"Country {n:02d}", short_name=f"C{n:02d}"))
    plan = make.plan(partnership, starts_on=LONG_AGO, ends_on=TODAY + timedelta(days=1000))
    pillar = make.pillar(plan)
    return [make.area(plan, pillar, f"1.{a}", f"Area {n:02d}-{a}") for a in range(areas)]


def test_heatmap_shows_25_partnerships_a_page(signed_in, make):
    for n in range(1, 27):
        quiet_partnership(make, n)

    first = signed_in.get("/").get_data(as_text=True)
    second = signed_in.get("/?page=2").get_data(as_text=True)

    # Sorted by name: C01 to C25 on page 1, C26 alone on page 2.
    heatmap_rows = 'class="d-block small fw-normal"'  # each row's "Plan ..." link
    assert "partnerships 1 to 25 of 26" in first and first.count(heatmap_rows) == 25
    assert "partnerships 26 to 26 of 26" in second and second.count(heatmap_rows) == 1
    assert second.split("<tbody>")[1].split("</tbody>")[0].count("ASEAN–C26") == 1
    assert signed_in.get("/?page=3").status_code == 302  # past the end: back to page 1


def test_each_kind_of_signal_shows_ten_and_links_to_all(signed_in, make):
    quiet_partnership(make, 1, areas=12)

    home = signed_in.get("/").get_data(as_text=True)
    stale_heading = "Areas with no update or meeting for 180 days"
    assert f"{stale_heading} (12)" in home
    assert home.count("No status update or meeting ever") == 10
    assert "All 12 areas with no update or meeting for 180 days" in home

    everything = signed_in.get("/attention?kind=stale").get_data(as_text=True)
    assert everything.count("No status update or meeting ever") == 12
    assert "12 in all" in everything
    assert signed_in.get("/attention?kind=nonsense").status_code == 302


def test_a_status_update_takes_the_area_off_the_quiet_list_at_once(signed_in, make):
    [area] = quiet_partnership(make, 1)
    assert "ASEAN–C01: Area 01-0</a> – No status update or meeting ever" in signed_in.get("/").get_data(as_text=True)

    signed_in.submit(f"/areas/{area.id}/status/new",
                     {"status": "on_track", "progress": "", "note": "Work plan agreed", **date_fields("as_of", TODAY)})

    assert "Area 01-0</a> – No status update" not in signed_in.get("/").get_data(as_text=True)


def test_partnership_page_lists_the_20_open_follow_ups_due_first(signed_in, make):
    partnership = make.partnership()
    for n in range(1, 24):
        make.follow_up(partnership, title=f"Task due in {n:02d} days", due_on=TODAY + timedelta(days=n))

    page = signed_in.get(f"/partnerships/{partnership.slug}").get_data(as_text=True)

    assert "Task due in 20 days" in page and "Task due in 21 days" not in page
    assert "The 20 due first of 23 open follow-ups." in page
    assert f'href="/follow-ups/?partnership={partnership.slug}"' in page
