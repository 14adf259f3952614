from collections.abc import Callable
from typing import Any, TypeVar

import flask
import marshmallow as ma
from apispec import APISpec

_F = TypeVar("_F", bound=Callable[..., Any])

class Blueprint(flask.Blueprint):
    def __init__(self, name: str, import_name: str, *args: Any, description: str | None = None,
                 **kwargs: Any) -> None: ...
    def route(self, rule: str, *, parameters: list[Any] | None = None, **options: Any) -> Callable[[_F], _F]: ...
    def arguments(self, schema: type[ma.Schema] | ma.Schema, *, location: str = "json", content_type: str | None = None,
                  required: bool = True, description: str | None = None, example: Any = None,
                  examples: dict[str, Any] | None = None, as_kwargs: bool = False,
                  **kwargs: Any) -> Callable[[_F], _F]: ...
    def response(self, status_code: int | str, schema: type[ma.Schema] | ma.Schema | None = None, *,
                 description: str | None = None, example: Any = None, examples: dict[str, Any] | None = None,
                 headers: dict[str, Any] | None = None, content_type: str | None = None) -> Callable[[_F], _F]: ...
    def alt_response(self, status_code: int | str, response: str | None = None, *,
                     schema: type[ma.Schema] | ma.Schema | None = None, description: str | None = None,
                     example: Any = None, examples: dict[str, Any] | None = None,
                     headers: dict[str, Any] | None = None, content_type: str | None = None,
                     success: bool = False) -> Callable[[_F], _F]: ...
    def doc(self, **kwargs: Any) -> Callable[[_F], _F]: ...

class Api:
    ERROR_SCHEMA: type[ma.Schema]
    spec: APISpec
    def __init__(self, app: flask.Flask | None = None, *, spec_kwargs: dict[str, Any] | None = None,
                 config_prefix: str = "") -> None: ...
    def register_blueprint(self, blp: Blueprint, *, parameters: list[Any] | None = None, **options: Any) -> None: ...
