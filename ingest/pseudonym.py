"""Pseudonymisation of the BSN: a keyed hash (HMAC-SHA256), so the same BSN always gets the same
pseudonym under one key, and nobody without the key can recompute it from a list of BSNs.

The key comes from the environment variable SDW_PSEUDO_KEY, or from a key file (SDW_PSEUDO_KEY_FILE,
default ~/.config/sdw/pseudo.key) that is created with a random key on first use. The key file lives
outside the warehouse and outside git; losing it means new loads get new pseudonyms.

A key must be 32 random bytes or more, written as hex (64 characters) or base64: with a short or
guessable key (a word, a date) anyone holding one known (BSN, pseudonym) pair can try a word list
and then recompute every pseudonym. A key file must be readable by its owner only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

ENV_KEY = "SDW_PSEUDO_KEY"
ENV_KEY_FILE = "SDW_PSEUDO_KEY_FILE"
DEFAULT_KEY_FILE = Path.home() / ".config" / "sdw" / "pseudo.key"


MIN_KEY_BYTES = 32
# 32 random bytes hold about 30 distinct byte values; a key with few of them is a pattern.
MIN_DISTINCT_BYTES = 16
KEY_HOWTO = (
    "make one with: python3 -c 'import secrets; print(secrets.token_hex(32))' "
    "(or delete the key file and let sdw load create one)"
)


class KeyError_(RuntimeError):
    """The pseudonymisation key cannot be obtained, or is not fit for use."""


class KeyMissing(KeyError_):
    """No key is set and there is no key file, where a new key must not be made."""


# What a warehouse keeps of the key it was first loaded with (raw.key_check): the HMAC of this
# public label under the key. It tells whether a later key is the same key; it gives nothing of
# the key away (nor does it help an attacker more than the pseudonyms themselves, which are HMACs
# of guessable BSNs under the same key).
KEY_CHECK_LABEL = b"sdw: check value of the pseudonymisation key, v1"


def key_check_value(key: bytes) -> str:
    """The keyed check value of a key: HMAC-SHA256 of KEY_CHECK_LABEL, 64 hex characters."""
    return hmac.new(key, KEY_CHECK_LABEL, hashlib.sha256).hexdigest()


def _key_bytes(text: str) -> bytes | None:
    """The bytes a key encodes (hex or base64), or None when it is neither."""
    try:
        return bytes.fromhex(text)
    except ValueError:
        pass
    try:
        padded = text + "=" * (-len(text) % 4)
        return base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        return None


def check_key(text: str, where: str) -> None:
    """Refuse a key with less than 32 bytes of entropy (not hex or base64 of 32 random bytes)."""
    raw = _key_bytes(text)
    if raw is None or len(raw) < MIN_KEY_BYTES:
        raise KeyError_(
            f"the pseudonymisation key from {where} is too weak: it must be at least "
            f"{MIN_KEY_BYTES} random bytes written as hex or base64 (a word or phrase can be "
            f"guessed from one known BSN and its pseudonym); {KEY_HOWTO}"
        )
    if len(set(raw)) < MIN_DISTINCT_BYTES:
        raise KeyError_(
            f"the pseudonymisation key from {where} is not random (it repeats a few byte "
            f"values); {KEY_HOWTO}"
        )


def check_key_file_mode(path: Path) -> None:
    """Refuse a key file that the group or others may read or write."""
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyError_(
            f"the pseudonymisation key file {path} can be read or changed by others "
            f"(mode {stat.filemode(mode)}); make it private with: chmod 600 {path}"
        )


def key_file_path() -> Path:
    return Path(os.environ.get(ENV_KEY_FILE, str(DEFAULT_KEY_FILE))).expanduser()


def load_key(create: bool = True) -> bytes:
    """The key from SDW_PSEUDO_KEY, else from the key file, which is created with a random key
    on first use when `create` (not for a warehouse loaded before: a new key would give every
    BSN another pseudonym; KeyMissing then)."""
    env = os.environ.get(ENV_KEY)
    if env:
        check_key(env.strip(), f"${ENV_KEY}")
        return env.strip().encode("utf-8")
    path = key_file_path()
    try:
        if not path.exists():
            if not create:
                raise KeyMissing(
                    f"no pseudonymisation key: ${ENV_KEY} is not set and the key file {path} "
                    f"does not exist (set ${ENV_KEY_FILE} to the key file's place)"
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(secrets.token_hex(32) + "\n")
        check_key_file_mode(path)
        key = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError as exc:
        raise KeyError_(
            f"cannot {'read' if path.exists() else 'create'} the pseudonymisation key file "
            f"{path}: {exc.strerror or exc}"
        ) from None
    if not key:
        raise KeyError_(f"pseudonymisation key file {path} is empty")
    check_key(key, str(path))
    return key.encode("utf-8")


def pseudonymise(bsn: str, key: bytes) -> str:
    """HMAC-SHA256 of the normalised BSN (digits, left-padded to 9), as 64 hex characters."""
    return hmac.new(key, bsn.encode("utf-8"), hashlib.sha256).hexdigest()


def pseudonym_map(values: Iterable[str], key: bytes) -> dict[str, str]:
    """Pseudonyms for a set of (already normalised) BSN values."""
    return {v: pseudonymise(v, key) for v in set(values)}
