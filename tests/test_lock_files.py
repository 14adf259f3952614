"""The lock files the installs read satisfy pyproject.toml: a dependency added or narrowed there without
`make lock` would otherwise be missing from, or the wrong version in, every new install."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^ \\]+)", re.MULTILINE)


def pinned(lock_file: str) -> dict[str, str]:
    return {canonicalize_name(name): version for name, version in PIN.findall((ROOT / lock_file).read_text())}


def required(*extras: str) -> list[Requirement]:
    names = [*PROJECT["dependencies"], *(line for extra in extras for line in PROJECT["optional-dependencies"][extra])]
    return [Requirement(line) for line in names]


@pytest.mark.parametrize(("lock_file", "extras"), [
    ("requirements-production.lock", ()),
    ("requirements.lock", ("test",)),
    ("requirements-bench.lock", ("test", "bench")),
])
def test_each_lock_file_pins_every_dependency_at_a_version_pyproject_allows(lock_file, extras):
    versions = pinned(lock_file)
    for requirement in required(*extras):
        name = canonicalize_name(requirement.name)
        assert name in versions, f"{requirement.name} is missing from {lock_file}: run `make lock`"
        assert requirement.specifier.contains(versions[name], prereleases=True), (
            f"{lock_file} pins {requirement.name}=={versions[name]}, outside {requirement.specifier}: run `make lock`")


def test_every_pin_carries_a_hash_so_the_install_can_check_what_it_downloads():
    for lock_file in ("requirements-production.lock", "requirements.lock", "requirements-bench.lock"):
        blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", (ROOT / lock_file).read_text())
        pins = [block for block in blocks if PIN.match(block)]
        assert pins and all("--hash=sha256:" in block for block in pins), lock_file
