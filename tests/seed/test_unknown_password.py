"""A demo officer's password, which nobody is told, is one the app accepts: the demo loads every time."""

from seed import loader


def test_a_drawn_password_holding_part_of_the_name_is_drawn_again(app_context, monkeypatch):
    # One draw in a thousand or so holds "min" of Aung Kyaw Min: the app refuses it, and the demo did not load.
    draws = iter(["Xk2-MINt9QwErTyUiOpAsDfGhJkLzXcV", "Xk2-pQ7t9QwErTyUiOpAsDfGhJkLzXcV"])
    monkeypatch.setattr(loader.secrets, "token_urlsafe", lambda _bytes: next(draws))
    assert loader.unknown_password("aung.kyawmin@demo.asean.example", "Aung Kyaw Min") == (
        "Xk2-pQ7t9QwErTyUiOpAsDfGhJkLzXcV")
