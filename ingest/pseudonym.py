"""Pseudonymisation of the BSN: a keyed hash (HMAC-SHA256), so the same BSN always gets the same
pseudonym under one key, and nobody without the key can recompute it from a list of BSNs.

The key comes from the environment variable SDW_PSEUDO_KEY, or from a key file (SDW_PSEUDO_KEY_FILE,
default ~/.config/sdw/pseudo.key) that is created with a random key on first use. The key file lives
outside the warehouse and outside git; losing it means new loads get new pseudonyms.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

ENV_KEY = "SDW_PSEUDO_KEY"
ENV_KEY_FILE = "SDW_PSEUDO_KEY_FILE"
DEFAULT_KEY_FILE = Path.home() / ".config" / "sdw" / "pseudo.key"


class KeyError_(RuntimeError):
    """The pseudonymisation key cannot be obtained."""


def key_file_path() -> Path:
    return Path(os.environ.get(ENV_KEY_FILE, str(DEFAULT_KEY_FILE))).expanduser()


def load_key() -> bytes:
    """The key from SDW_PSEUDO_KEY, else from the key file (created on first use)."""
    env = os.environ.get(ENV_KEY)
    if env:
        return env.encode("utf-8")
    path = key_file_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_hex(32) + "\n")
    key = path.read_text(encoding="ascii").strip()
    if not key:
        raise KeyError_(f"pseudonymisation key file {path} is empty")
    return key.encode("utf-8")


def pseudonymise(bsn: str, key: bytes) -> str:
    """HMAC-SHA256 of the normalised BSN (digits, left-padded to 9), as 64 hex characters."""
    return hmac.new(key, bsn.encode("utf-8"), hashlib.sha256).hexdigest()


def pseudonym_map(values: Iterable[str], key: bytes) -> dict[str, str]:
    """Pseudonyms for a set of (already normalised) BSN values."""
    return {v: pseudonymise(v, key) for v in set(values)}
