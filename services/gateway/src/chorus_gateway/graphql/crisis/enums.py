"""The crisis vocabularies as GraphQL enums (values are planning's REST values)."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum
class CrisisScenario(Enum):
    UNHAPPY_CUSTOMERS_VALID = "unhappy_customers_valid"
    TROLLS = "trolls"
    DEFECTIVE_PRODUCT = "defective_product"
    CAMPAIGN_MISTAKE = "campaign_mistake"
    EXECUTIVE_COMMENT = "executive_comment"
    CUSTOM = "custom"


@strawberry.enum
class CrisisSeverity(Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


@strawberry.enum
class CrisisIncidentStatus(Enum):
    OPEN = "open"
    CLOSED = "closed"


@strawberry.enum(description="What happened at a point of an incident's timeline.")
class CrisisTimelineKind(Enum):
    DETECTED = "detected"
    OPENED = "opened"
    STEP_COMPLETED = "step_completed"
    STATEMENT_USED = "statement_used"
    NOTE = "note"
    ESCALATED = "escalated"
    CLOSED = "closed"
