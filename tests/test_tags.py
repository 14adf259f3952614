"""Status tags: the words always beside the colour, one colour per status wherever it is shown."""

from app.models import AreaStatus, FollowUpStatus
from app.templating import tag


def test_a_choice_shows_its_label_on_its_colour():
    assert str(tag(AreaStatus.OFF_TRACK)) == (
        '<span class="badge app-tag border bg-danger-subtle text-danger-emphasis border-danger-subtle">'
        "Off track</span>"
    )


def test_a_key_with_words_and_an_unknown_key_in_grey():
    assert ">3 overdue</span>" in tag("overdue", "3 overdue") and "bg-danger-subtle" in tag("overdue", "3 overdue")
    assert "bg-secondary-subtle" in tag("something new", "Something new")
    assert "bg-success-subtle" in tag(FollowUpStatus.DONE) and ">Done<" in tag(FollowUpStatus.DONE)


def test_the_words_are_escaped():
    assert ">&lt;b&gt;Partner&#39;s&lt;/b&gt;</span>" in tag("open", "<b>Partner's</b>")
