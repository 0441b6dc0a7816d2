"""A remark on a post: the conversation between the community manager and whoever approves."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from chorus_shared.errors import FieldError, ValidationFailed

COMMENT_MAX = 5000


@dataclass(frozen=True)
class PostComment:
    id: uuid.UUID
    tenant_id: uuid.UUID
    post_id: uuid.UUID
    author: str
    text: str
    at: datetime

    @classmethod
    def write(cls, *, tenant_id: uuid.UUID, post_id: uuid.UUID, author: str, text: str, at: datetime) -> PostComment:
        text = text.strip()
        if not text:
            raise _invalid("Write the remark.", "required")
        if len(text) > COMMENT_MAX:
            raise _invalid(f"At most {COMMENT_MAX} characters.", "too_long")
        return cls(id=uuid.uuid4(), tenant_id=tenant_id, post_id=post_id, author=author, text=text, at=at)


def _invalid(message: str, code: str) -> ValidationFailed:
    return ValidationFailed("The comment is not valid.", field_errors=[FieldError("text", message, code)])
