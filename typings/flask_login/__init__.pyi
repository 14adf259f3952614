from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from flask import Flask

_LoaderT = TypeVar("_LoaderT", bound=Callable[[str], object])

class UserMixin:
    __hash__: Any
    @property
    def is_active(self) -> bool: ...
    @property
    def is_authenticated(self) -> bool: ...
    @property
    def is_anonymous(self) -> bool: ...
    def get_id(self) -> str: ...

class AnonymousUserMixin:
    @property
    def is_authenticated(self) -> bool: ...
    @property
    def is_active(self) -> bool: ...
    @property
    def is_anonymous(self) -> bool: ...
    def get_id(self) -> None: ...

class LoginManager:
    login_view: str | None
    login_message: str
    login_message_category: str
    anonymous_user: type[object]
    def __init__(self, app: Flask | None = None, add_context_processor: bool = True) -> None: ...
    def init_app(self, app: Flask, add_context_processor: bool = True) -> None: ...
    def user_loader(self, callback: _LoaderT) -> _LoaderT: ...

# Whatever the user loader returned for this request, or an instance of ``anonymous_user``: the library cannot
# know the app's user class.
current_user: Any

def login_user(
    user: UserMixin, remember: bool = False, duration: timedelta | None = None, force: bool = False, fresh: bool = True
) -> bool: ...
def logout_user() -> bool: ...
