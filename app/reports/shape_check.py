"""Whether a report's figures, as data, have the shape their types declare (``period_figures``,
``portfolio_figures``).

A type checker reads the code; figures read back from an issued report's JSON, or put together by a query, are
data it never sees. This walks the data against the same TypedDicts: every key a level requires is there, no key
is there that it does not declare, and every value is of the declared kind. The tests run it on every shape the
builders make and every stored version ``figures_of`` reads.
"""

import types
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

#: What JSON gives back for each plain type (a bool is not a count, though Python calls it an int).
PLAIN = {str: (str,), int: (int,), float: (int, float), bool: (bool,)}


def shape_problems(value: object, shape: Any, where: str = "figures") -> list[str]:
    """What is wrong with ``value`` as a ``shape`` (a TypedDict, ``list[...]``, a union, a Literal or a plain type),
    each problem named by where it is: ``figures['pillars'][0]['areas'][1] has no 'changes_total'``."""
    if shape is Any:
        return []
    if is_typeddict(shape):
        return _typed_dict_problems(value, shape, where)
    origin, arguments = get_origin(shape), get_args(shape)
    if origin is list:
        if not isinstance(value, list):
            return [f"{where} is {value!r}, not a list"]
        return [problem for index, item in enumerate(value)
                for problem in shape_problems(item, arguments[0], f"{where}[{index}]")]
    if origin in (Union, types.UnionType):
        fits = [shape_problems(value, choice, where) for choice in arguments]
        return [] if any(not problems for problems in fits) else min(fits, key=len)
    if origin is Literal:
        return [] if value in arguments else [f"{where} is {value!r}, not one of {', '.join(map(repr, arguments))}"]
    if shape is type(None):
        return [] if value is None else [f"{where} is {value!r}, not None"]
    kinds = PLAIN.get(shape)
    if kinds is None:
        raise TypeError(f"No check for {shape!r}: add one")
    if isinstance(value, kinds) and (shape is bool or not isinstance(value, bool)):
        return []
    return [f"{where} is {value!r}, not {shape.__name__}"]


def _typed_dict_problems(value: object, shape: Any, where: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where} is {value!r}, not a dictionary ({shape.__name__})"]
    declared = get_type_hints(shape)
    problems = [f"{where} has no {key!r}" for key in declared if key in shape.__required_keys__ and key not in value]
    problems += [f"{where} has {key!r}, which {shape.__name__} does not declare" for key in value
                 if key not in declared]
    for key, hint in declared.items():
        if key in value:
            problems += shape_problems(value[key], hint, f"{where}[{key!r}]")
    return problems
