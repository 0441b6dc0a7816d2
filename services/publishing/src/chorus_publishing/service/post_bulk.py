"""Bulk posts: import drafts from CSV (valid rows imported, every other row reported), export a brand's posts."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from chorus_publishing.adapters.posts import PostRepository
from chorus_publishing.domain.post import Post
from chorus_publishing.domain.post_csv import column_of, missing_columns, read_rows, write_posts
from chorus_publishing.domain.post_state import PostState
from chorus_publishing.service.post_checks import channel_errors, check_content
from chorus_publishing.service.posts import ensure_brand_known, record
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import FieldError, ValidationFailed

EXPORT_PAGE = 500


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str
    code: str


@dataclass
class ImportReport:
    imported: list[tuple[int, uuid.UUID]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


async def import_posts(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, csv_text: str, max_rows: int
) -> ImportReport:
    """One draft per valid row. A row is valid when the network would accept it as written (length, media...)."""
    require_permission(principal, Permission.PUBLISH_CONTENT)
    await ensure_brand_known(uow, principal, brand_id)
    header, rows = read_rows(csv_text)
    _ensure_importable(header, len(rows), max_rows)
    report = ImportReport()
    posts = PostRepository(uow.session)
    for row in rows:
        if row.variant is None:
            report.errors.extend(RowError(row.number, e.field, e.message, e.code) for e in row.errors)
            continue
        check = await check_content(uow, brand_id=brand_id, variants=[row.variant], campaign_id=row.campaign_id)
        errors = check.field_errors + await channel_errors(uow, brand_id, [row.variant], must_exist=False)
        if errors:
            report.errors.extend(RowError(row.number, column_of(e.field), e.message, e.code) for e in errors)
            continue
        post = Post.draft(
            tenant_id=principal.tenant_id,
            brand_id=brand_id,
            variants=[row.variant],
            by=principal.subject,
            now=datetime.now(UTC),
            campaign_id=row.campaign_id,
        )
        await posts.add(post)
        record(uow, post)
        report.imported.append((row.number, post.id))
    return report


async def export_posts(*, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, state: PostState | None) -> str:
    require_permission(principal, Permission.EXPORT_REPORTS)
    await ensure_brand_known(uow, principal, brand_id)
    posts = PostRepository(uow.session)
    found: list[Post] = []
    after: uuid.UUID | None = None
    while True:
        page = await posts.list_for_brand(brand_id, state=state, after=after, limit=EXPORT_PAGE)
        found.extend(page)
        if len(page) < EXPORT_PAGE:
            return write_posts(found)
        after = page[-1].id


def _ensure_importable(header: list[str], row_count: int, max_rows: int) -> None:
    errors: list[FieldError] = []
    missing = missing_columns(header)
    if missing:
        errors.append(FieldError("file", f"Missing column(s): {', '.join(missing)}.", "missing_columns"))
    if row_count > max_rows:
        errors.append(FieldError("file", f"At most {max_rows} rows per import; split the file.", "too_many_rows"))
    if errors:
        raise ValidationFailed("The CSV file cannot be imported.", field_errors=errors)
