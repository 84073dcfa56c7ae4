"""The names python-capdl-tool imports from aenum, which Debian does not package: the tool
uses only what the standard library's enum module has, so they come from there."""
from enum import Enum, Flag, IntEnum, auto, unique  # noqa: F401
