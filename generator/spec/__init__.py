"""Letter specs: the YAML a member of staff writes, loaded, validated and typed.

>>> from generator.spec import spec_from_text
>>> spec_from_text("kind: memo\\n", "a.yaml")
Traceback (most recent call last):
...
generator.errors.UserError: a.yaml:1: missing field 'recipient'
"""

# The names are loaded on first use, so that the one YAML reader (``generator.spec.loader``),
# which office profiles use on every command, does not bring the spec model and its validation.
_EXPORTS = {**dict.fromkeys(["Attachment", "Block", "Item", "LetterSpec", "Reference"], ".model"),
            **dict.fromkeys(["load_spec", "spec_from_data", "spec_from_text"], ".validate")}

__all__ = ["Attachment", "Block", "Item", "LetterSpec", "Reference", "load_spec",
           "spec_from_data", "spec_from_text"]


def __getattr__(name: str):
    from importlib import import_module

    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
