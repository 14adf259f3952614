from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, Flask
from werkzeug.exceptions import BadRequest

# A blueprint, a view function, or a view's dotted name.
_ExemptT = TypeVar("_ExemptT", bound=Blueprint | Callable[..., Any] | str)

class CSRFProtect:
    def __init__(self, app: Flask | None = None) -> None: ...
    def init_app(self, app: Flask) -> None: ...
    def exempt(self, view: _ExemptT) -> _ExemptT: ...

class CSRFError(BadRequest): ...
