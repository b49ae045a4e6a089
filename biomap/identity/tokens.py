"""API tokens: random, shown once, stored only as SHA-256."""

from __future__ import annotations

import hashlib
import re
import secrets

TOKEN_PREFIX = "bm_"
# Tokens we issue: prefix + 43 url-safe characters; demo tokens in seeds follow the same shape rule.
_TOKEN_RE = re.compile(r"^bm_[A-Za-z0-9_-]{20,100}$")


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8")).digest()


def is_well_formed(token: str) -> bool:
    return bool(_TOKEN_RE.match(token))
