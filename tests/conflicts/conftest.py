import pytest

from tests.conftest import FormFiller


@pytest.fixture
def editors(app, make):
    """``editors(role)``: two colleagues of that role, each signed in at a browser of their own."""

    def two(role: str = "editor") -> tuple[FormFiller, FormFiller]:
        pair = []
        for email, name in (("officer@asean.example", "Desk Officer"), ("colleague@asean.example", "Colleague")):
            who = FormFiller(app.test_client())
            who.sign_in(make.user(role=role, email=email, name=name))
            pair.append(who)
        return pair[0], pair[1]

    return two
