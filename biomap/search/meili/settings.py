"""Index settings (search/meilisearch/index-settings.json + glossary synonyms) and the connection.

The JSON file is in Meilisearch's own API format (camelCase keys) so it can be read next to the
Meilisearch documentation; it is validated against the SDK's `MeilisearchSettings`, and a key the
SDK does not know is an error (the SDK would otherwise drop it silently).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meilisearch_python_sdk import AsyncClient
from meilisearch_python_sdk.models.settings import MeilisearchSettings

from biomap.search.glossary import compact, has_hangul, latin_stems, load_glossary

SETTINGS_FILE = Path("meilisearch") / "index-settings.json"
GLOSSARY_FILE = Path("glossary.tsv")
DEFAULT_INDEX_UID = "biomap"
# How long one Meilisearch task (add, delete, settings, swap) may take before we give up on it.
DEFAULT_TASK_TIMEOUT_MS = 60_000
_REPO_ROOT = Path(__file__).resolve().parents[3]


class SettingsError(ValueError):
    """index-settings.json is missing, not JSON, or has keys Meilisearch (the SDK) does not know."""


def search_dir() -> Path:
    """The search data directory: BIOMAP_SEARCH_DIR (default "search"); a relative path is taken
    from the working directory when it exists there, otherwise from the repository root."""
    configured = Path(os.environ.get("BIOMAP_SEARCH_DIR", "search"))
    if configured.is_absolute() or configured.exists():
        return configured
    return _REPO_ROOT / configured


def glossary_synonyms(path: Path) -> dict[str, list[str]]:
    """Each glossary term → the concept's other terms, in the analysed form queries are sent in
    (Latin terms as space-joined stems, Hangul terms space-stripped). Empty without a glossary."""
    glossary = load_glossary(path)
    synonyms: dict[str, set[str]] = {}
    for concept in glossary.concepts.values():
        forms = list(dict.fromkeys(f for f in (_analysed_form(t) for t in concept.terms) if f))
        if len(forms) < 2:
            continue
        for form in forms:
            synonyms.setdefault(form, set()).update(f for f in forms if f != form)
    return {term: sorted(others) for term, others in sorted(synonyms.items())}


def _analysed_form(term: str) -> str:
    if has_hangul(term):
        return compact(term)
    return " ".join(latin_stems(term))


def load_index_settings(directory: Path | None = None) -> dict[str, Any]:
    """The settings JSON, with the glossary synonyms merged in (file entries win on conflict)."""
    directory = directory or search_dir()
    path = directory / SETTINGS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise SettingsError(f"{path} not found (set BIOMAP_SEARCH_DIR to the search data directory)") from error
    except json.JSONDecodeError as error:
        raise SettingsError(f"{path} is not valid JSON: {error}") from error
    if not isinstance(raw, dict):
        raise SettingsError(f"{path} must hold one JSON object")
    synonyms = glossary_synonyms(directory / GLOSSARY_FILE)
    synonyms.update(raw.get("synonyms") or {})
    raw["synonyms"] = synonyms
    meilisearch_settings(raw)  # validate now, not when the index is built
    return raw


def meilisearch_settings(raw: dict[str, Any]) -> MeilisearchSettings:
    """The SDK model of `raw`; unknown keys are refused instead of silently dropped."""
    known = {field.alias or name for name, field in MeilisearchSettings.model_fields.items()}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise SettingsError(f"unknown Meilisearch setting(s): {', '.join(unknown)}")
    return MeilisearchSettings.model_validate(raw)


@dataclass(frozen=True, slots=True)
class MeiliConfig:
    url: str
    api_key: str | None = None
    index_uid: str = DEFAULT_INDEX_UID
    task_timeout_ms: int = DEFAULT_TASK_TIMEOUT_MS

    def client(self) -> AsyncClient:
        return AsyncClient(self.url, self.api_key, timeout=max(1, self.task_timeout_ms // 1000))


def meili_config_from_env() -> MeiliConfig | None:
    """BIOMAP_MEILI_URL (required), BIOMAP_MEILI_KEY, BIOMAP_MEILI_INDEX; None when no URL is set."""
    url = os.environ.get("BIOMAP_MEILI_URL", "").strip()
    if not url:
        return None
    return MeiliConfig(
        url=url,
        api_key=os.environ.get("BIOMAP_MEILI_KEY") or None,
        index_uid=os.environ.get("BIOMAP_MEILI_INDEX", "").strip() or DEFAULT_INDEX_UID,
    )
