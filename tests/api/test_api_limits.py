"""How often the API may be called: per token, and per network address whatever the token."""

from tests.api.conftest import program_for
from tests.security.test_sign_in_limits import server


def test_a_token_called_too_often_waits_and_another_token_does_not(app, make):
    busy = program_for(app, make.user(role="viewer", email="dashboard@asean.example"), "read")
    other = program_for(app, make.user(role="viewer", email="portal@asean.example"), "read")
    with server(app, API_LIMITS_PER_TOKEN="3 per minute", API_LIMITS_PER_ADDRESS="100 per minute") as limited:
        busy.client = other.client = limited.test_client()
        answers = [busy.get("/api/v1/organisations").status_code for _ in range(4)]
        assert answers == [200, 200, 200, 429]
        refused = busy.get("/api/v1/partnerships")
        assert refused.content_type == "application/problem+json"
        assert refused.json["type"] == "/api-documentation#problem-too-many-requests"
        assert 0 < int(refused.headers["Retry-After"]) <= 60
        assert other.get("/api/v1/organisations").status_code == 200


def test_guessing_tokens_from_one_address_is_bounded(app):
    with server(app, API_LIMITS_PER_TOKEN="100 per minute", API_LIMITS_PER_ADDRESS="5 per minute") as limited:
        guesser = limited.test_client()
        answers = [guesser.get("/api/v1/organisations", headers={"Authorization": f"Bearer pct_guess{n}"}).status_code
                   for n in range(6)]
        assert answers == [401] * 5 + [429]
        guesser.environ_base["REMOTE_ADDR"] = "198.51.100.7"
        assert guesser.get("/api/v1/organisations").status_code == 401
