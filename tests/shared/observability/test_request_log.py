"""httpx's request log lines never carry a URL's query: documented calls put tokens and app secrets there."""

from __future__ import annotations

import logging

import httpx

from chorus_shared.observability.request_log import QueryHidden


def _request_line(url: str) -> logging.LogRecord:
    # The record httpx's client logs for every request, with the URL as an argument.
    return logging.LogRecord(
        "httpx",
        logging.INFO,
        __file__,
        1,
        'HTTP Request: %s %s "%s %d %s"',
        ("GET", httpx.URL(url), "HTTP/1.1", 200, "OK"),
        None,
    )


def test_a_request_line_keeps_the_path_and_drops_the_query() -> None:
    record = _request_line("https://graph.example/v21.0/me/accounts?access_token=EAAB-secret&after=QVFI")

    assert QueryHidden().filter(record) is True
    line = record.getMessage()
    assert "graph.example/v21.0/me/accounts" in line
    assert "EAAB-secret" not in line
    assert "after=" not in line


def test_other_records_pass_untouched() -> None:
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, "pool %s of %d", ("spread", 4), None)

    assert QueryHidden().filter(record) is True
    assert record.getMessage() == "pool spread of 4"
