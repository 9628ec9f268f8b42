"""The form being typed, kept on disk every few seconds so a crash or power cut loses nothing.

One JSON file in the data folder, replaced whole (``atomic_files``): a power cut leaves either
the old draft or the new one, never half of one.
"""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.atomic_files import write_text_whole

DRAFT_FILE = "form-draft.json"


class FormDraftFile:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / DRAFT_FILE

    def save(self, draft: dict[str, Any]) -> None:
        content = json.dumps({**draft, "saved_at": datetime.now(UTC).isoformat()},
                             ensure_ascii=False)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_text_whole(self.path, content)

    def load(self) -> dict[str, Any] | None:
        """The saved draft, or None when there is none (or it cannot be read)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and isinstance(data.get("state"), dict) else None

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
