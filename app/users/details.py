"""What a user's record says, passed as one value from the form (or the command line, or the demo files) to the
rules that save it."""

from dataclasses import dataclass

from app.models import Role


@dataclass(frozen=True)
class UserDetails:
    """Who someone who signs in is and what they may do. The email address they sign in with is given once, when
    they are added, and their password is never a detail: it is set on its own, and only its hash is kept."""

    name: str
    role: Role | str
    is_active: bool = True
