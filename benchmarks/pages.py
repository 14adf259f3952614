"""What the benchmark opens and posts, with the answer each must give."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from benchmarks.picks import Picks

#: Share of --requests each kind gets: a PDF takes a hundred times a list page. The report page gets them all: its
#: target is a 95th percentile, which 25 requests put at their second slowest.
WEIGHTS = {"portfolio": 0.25, "office": 0.1, "pdf": 0.05, "on the click": 0.05}
FILE_KINDS = {"pdf": "pdf", "docx": "office", "xlsx": "office"}
API = "/api/v1/"
#: The API's lists, each asked for its first page at the default size, as a program reading everything starts.
API_LISTS = ("organisations", "partnerships", "plans", "people", "activities", "reports")


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    #: Which targets apply: floor, list, home, post, report, pdf, office, on the click, portfolio (see
    #: benchmarks.targets).
    kind: str
    form: dict | None = None
    status: int = 200
    #: For a POST: where its success redirect must lead.
    location: str | None = None

    @property
    def method(self) -> str:
        return "GET" if self.form is None else "POST"

    @property
    def is_api(self) -> bool:
        """A route of the JSON API: asked with a personal access token, not the session cookie."""
        return self.path.startswith(API)

    def requests(self, requested: int, least: int = 3) -> int:
        return max(least, round(requested * WEIGHTS.get(self.kind, 1)))


def date_fields(name: str, day: date) -> dict[str, str]:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def report_window(picks: Picks, day: date) -> str:
    """The window the report page opens with (the plan in force from its start to the data's last day), spelt out
    so that the address, and what it reports on, does not change with the day the benchmark runs."""
    return urlencode({"plan": picks.plan_id, "window": "dates", **date_fields("starts_on", picks.plan_starts_on),
                      **date_fields("ends_on", min(day, picks.plan_ends_on))})


def our_pages(picks: Picks, day: date, post_day: date) -> list[Page]:
    """``day``: the last day of the data; ``post_day``: the date the forms record (never after today)."""
    slug = picks.partnership_slug
    window = report_window(picks, day)
    pages = [
        Page("Health check (floor)", "/health", "floor"),
        Page("Home", "/", "home"),
        Page("My work (a desk officer's)", "/my-work", "home"),
        Page("Partnership list, page 1", "/partnerships/", "list"),
        Page(f"Partnership list, {picks.partnership_status}, page {picks.partnership_status_page}",
             f"/partnerships/?status={picks.partnership_status}&page={picks.partnership_status_page}", "list"),
        Page(f"Partnership page ({picks.partnership_meetings} meetings)", f"/partnerships/{slug}", "list"),
        Page("Plan page", f"/plans/{picks.plan_id}", "list"),
        Page("Area dossier", f"/areas/{picks.area_id}", "list"),
        Page("Meeting list, page 1", "/meetings/", "list"),
        Page(f"Meeting list, page {picks.meetings_last_page} (last)", f"/meetings/?page={picks.meetings_last_page}",
             "list"),
        Page("Meeting page", f"/meetings/{picks.meeting_id}", "list"),
        Page("Follow-up list, page 1", "/follow-ups/", "list"),
        Page("Follow-up list, overdue", "/follow-ups/?overdue=1", "list"),
        Page("Activity list, page 1", "/activities/", "list"),
        Page(f"Activity list, {day.year}", f"/activities/?year={day.year}", "list"),
        # The meeting form asks as a new person's name is typed: a name not recorded reads every name's key.
        Page("People recorded under a name typed", "/people/namesakes?full_name=Nguyen+Van+An", "list"),
        Page("Log a meeting (POST)", "/meetings/new", "post", form=meeting_form(picks, post_day), status=302,
             location=r"/meetings/\d+$"),
        Page("Record an area status (POST)", f"/areas/{picks.area_id}/status/new", "post",
             form=status_form(post_day), status=302, location=rf"/areas/{picks.area_id}(?:$|[?#])"),
        Page("Period report", f"/partnerships/{slug}/reports/period?{window}", "report"),
        *(Page(f"Period report, {format.upper()}", f"/partnerships/{slug}/reports/period/{format}?{window}", kind)
          for format, kind in FILE_KINDS.items()),
        # The copy to send is made ahead while the report page is read (app/exports/ahead.py), so the two above are
        # mostly sending a file; the desk's working copy is always made on the click: these are the making.
        *(Page(f"Period report, {format.upper()}, working copy (made on the click)",
               f"/partnerships/{slug}/reports/period/{format}?{window}&copy=working", "on the click")
          for format in ("pdf", "docx")),
        Page("Portfolio report", f"/reports/portfolio?{urlencode(date_fields('as_of', day))}", "portfolio"),
        *api_pages(picks, day),
        *search_pages(),
    ]
    return pages


#: What the desk types into the top bar: a surname, the same with two letters swapped, a word found everywhere,
#: a Thai given name (the synthetic names include Thai, Vietnamese, Cyrillic and Arabic ones), an abbreviation of
#: two letters, found at the start of a word, alone and beside a common word.
SEARCHES = (("a surname", "Kowalski"), ("a surname mistyped", "Kowalksi"), ("a common word", "trade"),
            ("a Thai name", "สมชาย"), ("a two-letter word", "un"), ("a two-letter word and a common one", "un trade"))


def search_pages() -> list[Page]:
    return [
        *(Page(f"Search: {what} ({typed})", f"/search?{urlencode({'q': typed})}", "search")
          for what, typed in SEARCHES),
        Page("Search: a common word, meetings only, page 2", f"/search?{urlencode({'q': 'trade', 'kind': 'meeting'})}"
             "&page=2", "search"),
    ]


def api_pages(picks: Picks, day: date) -> list[Page]:
    return [
        *(Page(f"API: {name}, first page", f"{API}{name}", "api") for name in API_LISTS),
        Page("API: plan coverage", f"{API}plans/{picks.plan_id}/coverage?as_of={day.isoformat()}", "api"),
    ]


def meeting_form(picks: Picks, day: date) -> dict:
    """A courtesy call as an officer logs it: both heads of delegation, the area discussed, one follow-up."""
    form = {
        "partnership_id": str(picks.partnership_id), "type": "courtesy_call", "number": "",
        "title": "Courtesy call (benchmark)", **date_fields("held_on", day), "starts_at": "10:00",
        "ends_on-day": "", "ends_on-month": "", "ends_on-year": "", "venue": "Ministry, Meeting Room 2",
        "format": "in_person", "area_ids": [str(picks.area_id)],
        "summary": "Reviewed the implementation of the plan in force and agreed next steps.",
        "asks": "The partner asked for the draft work plan.", "commitments": "We will circulate the work plan.",
        "outcome_document": "none", "outcome_reference": "", "action": "save",
    }
    for index, (side, person_id) in enumerate(picks.participants):
        form.update({f"participants-{index}-{name}": value for name, value in {
            "side": side, "role": "head_of_delegation", "person_id": str(person_id), "full_name": "",
            "honorific": "", "post_title": "", "organisation_id": ""}.items()})
    form.update({f"followups-0-{name}": value for name, value in {
        "title": "Circulate the draft work plan", "owner_user_id": str(picks.admin_id), "partner_owner": "",
        **date_fields("due_on", day + timedelta(days=30)), "area_id": str(picks.area_id)}.items()})
    return form


def status_form(day: date) -> dict:
    return {"status": "on_track", "progress": "60", "note": "Work plan agreed at the courtesy call (benchmark).",
            **date_fields("as_of", day)}


def answered_as_expected(page: Page, status: int, location: str) -> bool:
    if status != page.status:
        return False
    return page.location is None or re.search(page.location, location) is not None
