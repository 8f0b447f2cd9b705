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


from ..lazy import lazy_exports  # noqa: E402

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
