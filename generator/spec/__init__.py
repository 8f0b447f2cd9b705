"""Letter specs: the YAML a member of staff writes, loaded, validated and typed.

>>> from generator.spec import spec_from_text
>>> spec_from_text("kind: memo\\n", "a.yaml")
Traceback (most recent call last):
...
generator.errors.UserError: a.yaml:1: missing field 'recipient'
"""

from .model import Attachment, Block, Item, LetterSpec, Reference
from .validate import load_spec, spec_from_data, spec_from_text

__all__ = ["Attachment", "Block", "Item", "LetterSpec", "Reference", "load_spec",
           "spec_from_data", "spec_from_text"]
