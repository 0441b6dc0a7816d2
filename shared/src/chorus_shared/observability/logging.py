"""JSON logs, one object a line, with the service name, correlation id and trace id of the current request."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from chorus_shared.observability.context import correlation_id, traceparent
from chorus_shared.observability.request_log import hide_request_queries


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if (cid := correlation_id.get()) is not None:
            entry["correlation_id"] = cid
        if (tp := traceparent.get()) is not None:
            entry["trace_id"] = tp.split("-")[1]
        extra = getattr(record, "fields", None)
        if isinstance(extra, dict):
            entry.update(extra)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    hide_request_queries()  # a token in a URL's query (Graph paging links, Meta's token exchange) never reaches a log
    for noisy in ("uvicorn.access", "aiokafka"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
