"""JSON logs: uvicorn's loggers go through the JSON handler, and an access log that uvicorn was told
to leave off (`biomap serve` passes access_log=False) stays off."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
import uvicorn

from biomap.observability.logging import configure_logging

NAMES = ("", "uvicorn", "uvicorn.error", "uvicorn.access")


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    saved = {n: (logging.getLogger(n).handlers[:], logging.getLogger(n).propagate, logging.getLogger(n).level)
             for n in NAMES}
    yield
    for n, (handlers, propagate, level) in saved.items():
        logger = logging.getLogger(n)
        logger.handlers[:], logger.propagate = handlers, propagate
        logger.setLevel(level)


def test_access_log_left_off_by_uvicorn_stays_off(capsys: pytest.CaptureFixture[str]) -> None:
    uvicorn.Config("biomap.asgi:app", factory=True, log_config=None, access_log=False)
    configure_logging("INFO")
    access = logging.getLogger("uvicorn.access")
    assert not access.hasHandlers()  # what uvicorn's HTTP protocol checks before logging a request
    access.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:1", "POST", "/graphql", "1.1", 200)
    assert capsys.readouterr().err == ""


def test_uvicorn_logs_become_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    uvicorn.Config("biomap.asgi:app", factory=True)  # uvicorn's own logging config, access log on
    configure_logging("INFO")
    logging.getLogger("uvicorn.access").info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:1", "POST", "/graphql", "1.1", 200)
    logging.getLogger("uvicorn.error").warning("worker restarted")
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [(e["logger"], e["level"]) for e in lines] == [("uvicorn.access", "info"), ("uvicorn.error", "warning")]
    assert '"POST /graphql HTTP/1.1" 200' in lines[0]["msg"]
