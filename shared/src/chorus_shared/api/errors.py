"""One place turns failures into JSON: a stable `code`, a message, and the field path of each invalid input."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from chorus_shared.errors import ChorusError, ErrorBody, FieldError
from chorus_shared.observability.context import correlation_id

logger = logging.getLogger(__name__)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ChorusError, _chorus_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected_error)


def field_errors_from_pydantic(errors: list[dict[str, object]]) -> list[FieldError]:
    fields = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) or () if part not in ("body", "query", "path")]  # type: ignore[attr-defined]
        fields.append(
            FieldError(field=".".join(location) or "body", message=str(error.get("msg")), code=str(error.get("type")))
        )
    return fields


async def _chorus_error(_: Request, exc: ChorusError) -> JSONResponse:
    body = ErrorBody(code=exc.code, message=exc.message, fields=exc.field_errors)
    return JSONResponse(body.to_json(), status_code=exc.status_code)


async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
    fields = field_errors_from_pydantic(list(exc.errors()))
    body = ErrorBody(code="validation_failed", message="The request is not valid.", fields=fields)
    return JSONResponse(body.to_json(), status_code=422)


async def _unexpected_error(_: Request, exc: Exception) -> JSONResponse:
    # Never leak internals (SQL, stack traces); the correlation id lets an operator find the log line.
    logger.exception("unexpected error", exc_info=exc)
    message = f"Internal error (correlation id {correlation_id.get()})."
    return JSONResponse(ErrorBody(code="internal_error", message=message).to_json(), status_code=500)
