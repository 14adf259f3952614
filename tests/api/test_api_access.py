"""Who may call the API, and how every refusal reads: a token only, the pages' rules, problems (RFC 9457)."""

from app.api_tokens.services import revoke_token
from app.extensions import db
from tests.api.conftest import program_for

PROBLEM = "application/problem+json"


def test_without_a_token_the_api_asks_for_one_and_shows_nothing(client, make):
    make.organisation(name="Kingdom of Thailand", short_name="Thailand")
    response = client.get("/api/v1/organisations")
    assert response.status_code == 401
    assert response.content_type == PROBLEM
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json["type"] == "/api-documentation#problem-token"
    assert "Thailand" not in response.get_data(as_text=True)


def test_a_signed_in_browser_cannot_call_the_api_with_its_cookie(signed_in, make):
    # Another site's page could make the officer's browser send the cookie: it must not act for them.
    make.organisation(name="Kingdom of Thailand", short_name="Thailand")
    response = signed_in.get("/api/v1/organisations")
    assert response.status_code == 401
    assert "Set-Cookie" not in response.headers


def test_an_unknown_or_revoked_token_is_refused_as_invalid(app, client, make):
    user = make.user(role="editor")
    program = program_for(app, user, "read")
    assert program.get("/api/v1/organisations").status_code == 200
    token_id = db.session.scalar(db.select(db.text("id")).select_from(db.text("api_tokens")))
    revoke_token(user, token_id)
    db.session.commit()
    refused = program.get("/api/v1/organisations")
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"] == 'Bearer realm="api", error="invalid_token"'
    made_up = client.get("/api/v1/organisations", headers={"Authorization": "Bearer pct_made-up"})
    assert made_up.status_code == 401


def test_a_token_of_a_deactivated_user_is_refused(app, program):
    viewer = program("viewer", "read")
    viewer.user.is_active = False
    db.session.commit()
    assert viewer.get("/api/v1/partnerships").status_code == 401


def test_a_viewer_reads_with_a_read_only_token(program, make):
    make.organisation(name="Kingdom of Thailand", short_name="Thailand")
    response = program("viewer", "read").get("/api/v1/organisations")
    assert response.status_code == 200
    assert [item["short_name"] for item in response.json["items"]] == ["Thailand"]


def test_a_value_out_of_range_is_a_problem_naming_the_parameter(program):
    response = program("viewer", "read").get("/api/v1/organisations?limit=0&kind=planet")
    assert response.status_code == 422
    assert response.content_type == PROBLEM
    assert response.json["type"] == "/api-documentation#problem-invalid"
    assert sorted(error["parameter"] for error in response.json["errors"]) == ["kind", "limit"]


def test_a_record_that_does_not_exist_is_a_problem_not_a_page(program):
    reader = program("viewer", "read")
    for url in ("/api/v1/organisations/999999", "/api/v1/no-such-thing", "/api/v1/partnerships/99999999999"):
        response = reader.get(url)
        assert (response.status_code, response.content_type) == (404, PROBLEM), url
        assert response.json == {"type": "about:blank", "title": "Not Found", "status": 404}


def test_a_method_the_route_does_not_have_is_a_problem(program):
    response = program("editor").client.delete("/api/v1/organisations", headers=program("admin").headers())
    assert (response.status_code, response.content_type) == (405, PROBLEM)


def test_the_description_is_openapi_3_1_and_read_without_a_token(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json
    assert spec["openapi"] == "3.1.0"
    assert spec["components"]["securitySchemes"]["token"] == {
        "type": "http", "scheme": "bearer", "description": "A personal access token (pct_...), read only or read "
                                                          "and write."}
    errors = spec["components"]["responses"]["UNPROCESSABLE_ENTITY"]["content"]
    assert list(errors) == [PROBLEM]


def test_the_documentation_page_lists_every_route_for_a_signed_in_reader(as_role, client):
    assert client.get("/api-documentation").status_code == 302  # signed out: the sign-in page
    page = as_role("viewer").get("/api-documentation").get_data(as_text=True)
    assert "<h1 class=\"mt-2\">API documentation</h1>" in page
    for route in ("GET /api/v1/organisations", "GET /api/v1/partnerships/{partnership_id}"):
        assert f"<code>{route}</code>" in page
    assert 'id="problem-changed"' in page
