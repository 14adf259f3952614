"""A program calling the API with a personal access token, made as its user makes one."""

import jsonschema_rs
import pytest

from app.api_tokens.services import create_token
from app.extensions import db
from tests import factories


class Program:
    """The test client used as another program uses the API: every request carries its token."""

    def __init__(self, client, token: str, user):
        self.client, self.token, self.user = client, token, user

    def headers(self, extra=None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", **(extra or {})}

    def get(self, url, headers=None, **kwargs):
        return self.client.get(url, headers=self.headers(headers), **kwargs)

    def post(self, url, json=None, headers=None, **kwargs):
        return self.client.post(url, json=json, headers=self.headers(headers), **kwargs)

    def put(self, url, json=None, headers=None, **kwargs):
        return self.client.put(url, json=json, headers=self.headers(headers), **kwargs)

    def patch(self, url, json=None, headers=None, **kwargs):
        return self.client.patch(url, json=json, headers=self.headers(headers), **kwargs)

    def read(self, url, record: str) -> dict:
        """The answer to ``url`` (200), checked against the OpenAPI description's schema named ``record``."""
        response = self.get(url)
        assert response.status_code == 200, response.get_data(as_text=True)
        spec = self.client.get("/api/v1/openapi.json").json
        validator = jsonschema_rs.Draft202012Validator(
            {"$ref": f"#/components/schemas/{record}", "components": spec["components"]})
        problems = [f"{list(error.instance_path)}: {error.message}" for error in validator.iter_errors(response.json)]
        assert not problems, problems
        return response.json

    def every_page(self, url) -> list[dict]:
        """The items of every page of a list, following ``next``."""
        items: list[dict] = []
        while url:
            response = self.get(url)
            assert response.status_code == 200, response.get_data(as_text=True)
            items += response.json["items"]
            url = response.json["next"]
        return items


def program_for(app, user, scope="read_write") -> Program:
    token = create_token(user, f"Program {user.id} {scope}", scope)
    db.session.commit()
    return Program(app.test_client(), token, user)


@pytest.fixture
def program(app, make):
    """``program("viewer", "read")``: a program with a token of a new user with that role and scope."""

    def with_token(role="editor", scope="read_write") -> Program:
        user = factories.user(role=role, email=f"program-{role}-{scope}@asean.example")
        return program_for(app, user, scope)

    return with_token
