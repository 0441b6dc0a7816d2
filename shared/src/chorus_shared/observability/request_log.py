"""httpx logs each request's full URL at INFO. Some documented calls carry secrets in the query (Meta's token
exchange takes the app secret and the user's token there), so the request log shows URLs without their query."""

from __future__ import annotations

import logging

import httpx

HTTPX_LOGGER = "httpx"


class QueryHidden(logging.Filter):
    """Drops the query of every URL a log record is formatted with; the rest of the record is left as it is."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(arg.copy_with(query=None) if isinstance(arg, httpx.URL) else arg for arg in record.args)
        return True


def hide_request_queries() -> None:
    """Idempotent: call it before sending a secret in a query; later calls find the filter in place."""
    logger = logging.getLogger(HTTPX_LOGGER)
    if not any(isinstance(installed, QueryHidden) for installed in logger.filters):
        logger.addFilter(QueryHidden())
