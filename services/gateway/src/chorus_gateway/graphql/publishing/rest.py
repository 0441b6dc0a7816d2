"""Pydantic models of publishing's REST answers, as the gateway reads them (tokens are never among them)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel


class PublishingChannel(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    network: str
    account_id: str
    display_name: str
    instance_url: str | None
    status: str
    scopes: list[str]
    token_expires_at: datetime | None
    last_refreshed_at: datetime | None
    refresh_due_at: datetime | None
    last_error: str | None
    connected_at: datetime
    connected_by: str
    disconnected_at: datetime | None
    reconnect_url: str


class PublishingChannelPage(BaseModel):
    items: list[PublishingChannel]
    next_after: uuid.UUID | None


class PublishingConnectStart(BaseModel):
    authorization_url: str
    network: str
    expires_at: datetime


class PublishingMediaRef(BaseModel):
    media_id: uuid.UUID
    alt_text: str | None


class PublishingShortfall(BaseModel):
    step: str
    reason: str


class PublishingVariant(BaseModel):
    network: str
    channel_id: uuid.UUID | None
    text: str
    media: list[PublishingMediaRef]
    link: str | None
    thread: list[str]
    first_comment: str | None
    network_post_id: str | None
    url: str | None
    published_at: datetime | None
    shortfalls: list[PublishingShortfall] = []


class PublishingPost(BaseModel):
    id: uuid.UUID
    brand_id: uuid.UUID
    campaign_id: uuid.UUID | None
    content_item_id: uuid.UUID | None
    state: str
    variants: list[PublishingVariant]
    created_by: str
    created_at: datetime
    updated_at: datetime
    planned_at: datetime | None
    scheduled_at: datetime | None


class PublishingPostPage(BaseModel):
    items: list[PublishingPost]
    next_after: uuid.UUID | None


class PublishingHistoryEntry(BaseModel):
    at: datetime
    by: str
    from_state: str | None
    to_state: str
    reason: str | None


class PublishingComment(BaseModel):
    id: uuid.UUID
    post_id: uuid.UUID
    author: str
    text: str
    at: datetime


class PublishingProblem(BaseModel):
    field: str
    code: str
    message: str


class PublishingGuidelineFlag(BaseModel):
    field: str
    kind: str
    rule: str
    message: str
    start: int | None
    end: int | None


class PublishingVariantCheck(BaseModel):
    index: int
    network: str
    channel_id: uuid.UUID | None
    length: int
    max_length: int
    problems: list[PublishingProblem]


class PublishingPostCheck(BaseModel):
    valid: bool
    errors: list[PublishingProblem]
    variants: list[PublishingVariantCheck]
    guideline_flags: list[PublishingGuidelineFlag]


class PublishingAttempt(BaseModel):
    number: int
    idempotency_key: str
    started_at: datetime
    finished_at: datetime | None
    outcome: str
    response_code: int | None
    error: str | None
    shortfalls: list[PublishingShortfall] = []


class PublishingPublicationHistory(BaseModel):
    at: datetime
    state: str
    by: str
    reason: str | None


class PublishingPublication(BaseModel):
    id: uuid.UUID
    post_id: uuid.UUID
    brand_id: uuid.UUID
    variant_id: uuid.UUID
    channel_id: uuid.UUID
    network: str
    timing: str
    due_at: datetime
    state: str
    hold_reason: str | None
    needs_decision: bool
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    network_post_id: str | None
    network_post_url: str | None
    published_at: datetime | None
    attempt_log: list[PublishingAttempt] = []
    history: list[PublishingPublicationHistory] = []


class PublishingPublicationPage(BaseModel):
    items: list[PublishingPublication]


class PublishingAccountChoice(BaseModel):
    id: str
    name: str


class PublishingAccountChoices(BaseModel):
    items: list[PublishingAccountChoice]
