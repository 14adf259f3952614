"""The words of the stored choices that every page shows (statuses, follow-up states, roles), marked for
translation. Keyed by value: a value reads the same in every enumeration that has it ("completed" is an area's
status and an activity's state alike), and a choice with words of its own (``label`` overridden) is not looked up.
Outside a request, and on the pages kept in English (``app.languages.IN_ENGLISH``), each reads as its English."""

from flask_babel import lazy_gettext as _l

CHOICE_WORDS = {
    # An area's status
    "not_started": _l("Not started"),
    "on_track": _l("On track"),
    "at_risk": _l("At risk"),
    "off_track": _l("Off track"),
    "completed": _l("Completed"),
    # An action line's status
    "not_yet_addressed": _l("Not yet addressed"),
    "being_addressed": _l("Being addressed"),
    "addressed": _l("Addressed"),
    "discontinued": _l("Discontinued"),
    # A follow-up's state
    "open": _l("Open"),
    "in_progress": _l("In progress"),
    "awaiting_partner": _l("Awaiting partner"),
    "done": _l("Done"),
    "cancelled": _l("Cancelled"),
    # A partnership's status and level
    "dialogue_partner": _l("Dialogue partner"),
    "sectoral_dialogue_partner": _l("Sectoral dialogue partner"),
    "development_partner": _l("Development partner"),
    "special_observer": _l("Special observer"),
    "guest": _l("Guest"),
    "dialogue_partnership": _l("Dialogue partnership"),
    "strategic_partnership": _l("Strategic partnership"),
    "comprehensive_strategic_partnership": _l("Comprehensive strategic partnership"),
    # A chase's channel
    "note_verbale": _l("Note verbale"),
    "email": _l("E-mail"),
    "call": _l("Call"),
    "meeting": _l("Meeting"),
    # An activity's kind and state
    "project": _l("Project"),
    "workshop": _l("Workshop"),
    "training_course": _l("Training course"),
    "study_visit": _l("Study visit"),
    "scholarship_programme": _l("Scholarship programme"),
    "exhibition": _l("Exhibition"),
    "dialogue": _l("Dialogue"),
    "other": _l("Other"),
    "planned": _l("Planned"),
    "ongoing": _l("Ongoing"),
    "postponed": _l("Postponed"),
    # A partnership event's kind
    "conferred": _l("Conferred"),
    "upgraded": _l("Upgraded"),
    "under_consideration": _l("Under consideration for upgrade"),
    "suspended": _l("Suspended"),
    "resumed": _l("Resumed"),
    "downgraded": _l("Downgraded"),
    # A plan's kind and state
    "plan_of_action": _l("Plan of action"),
    "practical_cooperation_areas": _l("Practical cooperation areas"),
    "draft": _l("Draft"),
    "adopted": _l("Adopted"),
    "in_force": _l("In force"),
    "extended": _l("Extended"),
    "expired": _l("Expired"),
    "superseded": _l("Superseded"),
    # An organisation's kind
    "regional_organisation": _l("Regional organisation"),
    "country": _l("Country"),
    "international_organisation": _l("International organisation"),
    "ministry": _l("Ministry"),
    # A user's role
    "viewer": _l("Viewer"),
    "editor": _l("Editor"),
    "admin": _l("Admin"),
    # A meeting's format and outcome document, and a participant's role (a meeting's type has words of its own)
    "in_person": _l("In person"),
    "hybrid": _l("Hybrid"),
    "joint_press_statement": _l("Joint press statement"),
    "summary_record": _l("Summary record"),
    "head_of_delegation": _l("Head of delegation"),
    "member": _l("Member"),
    "delegate": _l("Delegate"),
    "observer": _l("Observer"),
}
