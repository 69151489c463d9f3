"""An uploaded file kept between the upload, the mapping and the import.

The file waits in ``FOLLOWTHROUGH_HOME/imports/<token>`` beside a small JSON
card (owner, file name, kind, mapping) rather than in a table: nothing of it is
data the seeker keeps, the file may be many megabytes, and it must survive the
few requests of the mapping and preview steps, across processes. The token is
random (unguessable) and the card names its owner, so an outsider's request
for it is a 404 like any other. Uploads older than a day are swept away.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.http import Http404

from followthrough.security.files import open_private, write_private

MAX_AGE = 24 * 3600


@dataclass
class Upload:
    token: str
    owner_id: int
    filename: str
    kind: str
    mapping: dict[str, str] | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return folder() / self.token

    def save(self) -> None:
        write_private(folder() / f"{self.token}.json", json.dumps(asdict(self)))

    def discard(self) -> None:
        for path in (self.path, folder() / f"{self.token}.json"):
            path.unlink(missing_ok=True)


def folder() -> Path:
    path = Path(settings.HOME) / "imports"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def keep(owner, uploaded, kind: str) -> Upload:
    """Write the uploaded file to disk in chunks (never whole in memory) and remember it."""
    sweep()
    upload = Upload(secrets.token_urlsafe(16), owner.pk, Path(uploaded.name).name, kind)
    try:
        with open_private(upload.path) as out:
            for chunk in uploaded.chunks():
                out.write(chunk)
        upload.save()
    except BaseException:
        upload.discard()  # a broken upload (disk full, client gone) leaves nothing behind
        raise
    return upload


def load(owner, token: str) -> Upload:
    """The owner's upload ``token``, or ``Http404`` (unknown, expired, or someone else's)."""
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        raise Http404("No such upload.")
    card = folder() / f"{token}.json"
    try:
        upload = Upload(**json.loads(card.read_text()))
    except (OSError, ValueError, TypeError):
        raise Http404("No such upload.") from None
    if upload.owner_id != owner.pk or not upload.path.exists():
        raise Http404("No such upload.")
    return upload


def sweep(now: float | None = None) -> None:
    now = now or time.time()
    for path in folder().iterdir():
        try:
            if now - path.stat().st_mtime > MAX_AGE:
                path.unlink()
        except OSError:
            pass
