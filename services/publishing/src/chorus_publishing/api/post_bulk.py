"""Bulk posts over REST: import a CSV file of drafts (with a per-row report), export a brand's posts as CSV."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Request, Response, UploadFile
from pydantic import BaseModel

from chorus_publishing.api.dependencies import RequestUnitOfWork
from chorus_publishing.domain.post_state import PostState
from chorus_publishing.service import post_bulk
from chorus_publishing.settings import PublishingSettings
from chorus_shared.auth import CurrentPrincipal
from chorus_shared.errors import FieldError, ValidationFailed

router = APIRouter(prefix="/brands/{brand_id}/posts", tags=["posts"])
MAX_CSV_BYTES = 5 * 1024 * 1024


class ImportedRow(BaseModel):
    row: int
    post_id: uuid.UUID


class RowErrorRead(BaseModel):
    row: int
    field: str
    message: str
    code: str


class ImportReportRead(BaseModel):
    imported: list[ImportedRow]
    errors: list[RowErrorRead]


@router.post("/import")
async def import_posts(
    brand_id: uuid.UUID,
    request: Request,
    uow: RequestUnitOfWork,
    principal: CurrentPrincipal,
    file: Annotated[UploadFile | None, File()] = None,
) -> ImportReportRead:
    settings: PublishingSettings = request.app.state.settings
    report = await post_bulk.import_posts(
        uow=uow,
        principal=principal,
        brand_id=brand_id,
        csv_text=await _csv_text(file),
        max_rows=settings.csv_import_max_rows,
    )
    await uow.commit()
    return ImportReportRead(
        imported=[ImportedRow(row=row, post_id=post_id) for row, post_id in report.imported],
        errors=[RowErrorRead(row=e.row, field=e.field, message=e.message, code=e.code) for e in report.errors],
    )


@router.get("/export", response_class=Response)
async def export_posts(
    brand_id: uuid.UUID, uow: RequestUnitOfWork, principal: CurrentPrincipal, state: PostState | None = None
) -> Response:
    text = await post_bulk.export_posts(uow=uow, principal=principal, brand_id=brand_id, state=state)
    headers = {"Content-Disposition": f'attachment; filename="posts-{brand_id}.csv"'}
    return Response(content=text, media_type="text/csv; charset=utf-8", headers=headers)


async def _csv_text(file: UploadFile | None) -> str:
    if file is None:
        raise _bad_file("Attach a CSV file.", "required")
    content = await file.read(MAX_CSV_BYTES + 1)
    if len(content) > MAX_CSV_BYTES:
        raise _bad_file(f"At most {MAX_CSV_BYTES} bytes.", "too_large")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _bad_file("The file is not UTF-8 text.", "not_utf8") from None


def _bad_file(message: str, code: str) -> ValidationFailed:
    return ValidationFailed("The CSV file cannot be imported.", field_errors=[FieldError("file", message, code)])
