"""Reading JSON lines given by a user (``mediamon tag``, labelled sets) with one-line errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pipeline.errors import UserError


def read_json_lines(text: str, required: set[str], where: str = "") -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line; a bad line is a UserError naming it."""
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UserError(f"{where}line {n}: not JSON ({exc.msg})") from None
        if not isinstance(doc, dict) or not required <= doc.keys():
            raise UserError(f"{where}line {n}: expected an object with {', '.join(sorted(required))}")
        yield n, doc
