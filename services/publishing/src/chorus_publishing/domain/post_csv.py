"""Posts as CSV: one row per post and channel. Reading gives each row's variant or its errors; writing is the export.

Thread items sit in one cell, separated by a line holding only `---`; media ids are separated by spaces or `;`.
Cells that a spreadsheet would run as a formula are written with a leading `'`, which reading takes off again.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from chorus_publishing.domain.post import MediaRef, Post, Variant
from chorus_shared.errors import FieldError

IMPORT_COLUMNS = ("network", "channel_id", "text", "link", "first_comment", "thread", "media_ids", "campaign_id")
EXPORT_COLUMNS = ("post_id", "state", *IMPORT_COLUMNS, "content_item_id", "scheduled_at", "url")
REQUIRED_COLUMNS = ("network", "text")
_THREAD_SEPARATOR = re.compile(r"\r?\n---\r?\n")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class CsvRow:
    """One data row: `number` counts the header as row 1, like a spreadsheet does."""

    number: int
    variant: Variant | None = None
    campaign_id: uuid.UUID | None = None
    errors: list[FieldError] = field(default_factory=list)


def missing_columns(header: Iterable[str]) -> list[str]:
    present = {name.strip().lower() for name in header}
    return [name for name in REQUIRED_COLUMNS if name not in present]


def read_rows(text: str) -> tuple[list[str], list[CsvRow]]:
    """The header and every data row parsed; rows that are entirely blank are skipped."""
    reader = csv.reader(io.StringIO(text))
    header = [name.strip().lower() for name in next(reader, [])]
    rows: list[CsvRow] = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {name: _unescape(cells[i]) if i < len(cells) else "" for i, name in enumerate(header)}
        rows.append(_row(number, values))
    return header, rows


def column_of(field_path: str) -> str:
    """The CSV column a post field error belongs to: `variants.0.media.1.media_id` -> `media_ids`."""
    parts = field_path.split(".")
    name = parts[2] if parts[0] == "variants" and len(parts) > 2 else parts[0]
    return "media_ids" if name == "media" else name


def write_posts(posts: Iterable[Post]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for post in posts:
        for variant in post.variants:
            writer.writerow(_escape(cell) for cell in _export_cells(post, variant))
    return out.getvalue()


def _row(number: int, values: dict[str, str]) -> CsvRow:
    row = CsvRow(number)
    channel_id = _uuid(values.get("channel_id", ""), "channel_id", row.errors)
    campaign_id = _uuid(values.get("campaign_id", ""), "campaign_id", row.errors)
    media: list[MediaRef] = []
    for token in re.split(r"[;\s]+", values.get("media_ids", "").strip()):
        media_id = _uuid(token, "media_ids", row.errors)
        if media_id is not None:
            media.append(MediaRef(media_id))
    if not values.get("network", "").strip():
        row.errors.append(FieldError("network", "Name the network, e.g. mastodon.", "required"))
    if row.errors:
        return row
    thread_cell = values.get("thread", "")
    row.variant = Variant(
        network=values.get("network", "").strip().lower(),
        channel_id=channel_id,
        text=values.get("text", ""),
        media=media,
        link=values.get("link", "").strip() or None,
        thread=[item.strip() for item in _THREAD_SEPARATOR.split(thread_cell)] if thread_cell.strip() else [],
        first_comment=values.get("first_comment", "").strip() or None,
    )
    row.campaign_id = campaign_id
    return row


def _uuid(value: str, column: str, errors: list[FieldError]) -> uuid.UUID | None:
    value = value.strip()
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        errors.append(FieldError(column, f"{value!r} is not an id.", "invalid_id"))
        return None


def _export_cells(post: Post, variant: Variant) -> list[str]:
    return [
        str(post.id),
        post.state.value,
        variant.network,
        str(variant.channel_id or ""),
        variant.text,
        variant.link or "",
        variant.first_comment or "",
        "\n---\n".join(variant.thread),
        " ".join(str(ref.media_id) for ref in variant.media),
        str(post.campaign_id or ""),
        str(post.content_item_id or ""),
        post.scheduled_at.isoformat() if post.scheduled_at else "",
        variant.url or "",
    ]


def _escape(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _unescape(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_START) else cell
