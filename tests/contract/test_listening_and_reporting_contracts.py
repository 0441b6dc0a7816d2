"""The crisis and KPI progress contracts: what producers may send and what reaches consumers on the wire."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from chorus_shared.messaging.contracts.listening import CrisisDetectedV1, CrisisSeverity
from chorus_shared.messaging.contracts.reporting import KpiProgressUpdatedV1

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "docs" / "events" / "schemas"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def crisis(**overrides: Any) -> CrisisDetectedV1:
    fields: dict[str, Any] = {
        "brand_id": uuid.uuid4(),
        "detected_at": NOW,
        "severity": "high",
        "reason": "negative mentions x6 in 30 minutes",
        "mention_volume": 480,
        "negative_share": 0.72,
        "window_start": NOW - timedelta(minutes=30),
        "window_end": NOW,
        "sample_mention_ids": [uuid.uuid4()],
    }
    return CrisisDetectedV1(**(fields | overrides))


def kpi_progress(**overrides: Any) -> KpiProgressUpdatedV1:
    fields: dict[str, Any] = {
        "objective_id": uuid.uuid4(),
        "kpi_id": uuid.uuid4(),
        "brand_id": uuid.uuid4(),
        "metric": "engagement_rate",
        "formula": "(likes + comments + shares) / impressions",
        "period_start": NOW - timedelta(days=7),
        "period_end": NOW,
        "value": Decimal("0.0345"),
        "target": Decimal("0.05"),
        "computed_at": NOW,
    }
    return KpiProgressUpdatedV1(**(fields | overrides))


def validate_on_the_wire(payload: dict[str, Any], event_type: str) -> None:
    schema = json.loads((SCHEMA_DIR / f"{event_type}.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(json.loads(json.dumps(payload)))


def test_a_crisis_travels_as_json_that_its_schema_accepts_and_reads_back_equal() -> None:
    event = crisis(playbook_id=uuid.uuid4())
    wire = event.model_dump(mode="json")
    validate_on_the_wire(wire, CrisisDetectedV1.event_type)
    assert CrisisDetectedV1.model_validate(wire) == event
    assert event.severity is CrisisSeverity.HIGH
    assert CrisisDetectedV1.topic() == "chorus.listening"


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"severity": "apocalyptic"}, id="unknown severity"),
        pytest.param({"negative_share": 1.5}, id="share above 1"),
        pytest.param({"mention_volume": -1}, id="negative volume"),
        pytest.param({"window_end": NOW - timedelta(hours=1)}, id="window ends before it starts"),
        pytest.param({"detected_at": datetime(2026, 11, 23, 12, 0)}, id="naive time"),
        pytest.param({"sample_mention_ids": [uuid.uuid4() for _ in range(51)]}, id="too many samples"),
    ],
)
def test_a_malformed_crisis_is_refused_at_the_producer(overrides: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        crisis(**overrides)


def test_kpi_values_travel_as_exact_decimal_strings() -> None:
    event = kpi_progress(value=Decimal("1234567890.123456789"))
    wire = event.model_dump(mode="json")
    assert wire["value"] == "1234567890.123456789"
    validate_on_the_wire(wire, KpiProgressUpdatedV1.event_type)
    assert KpiProgressUpdatedV1.model_validate(wire).value == Decimal("1234567890.123456789")


def test_a_consumer_also_accepts_a_plain_json_number_for_a_kpi_value() -> None:
    wire = kpi_progress().model_dump(mode="json") | {"value": 0.5}
    validate_on_the_wire(wire, KpiProgressUpdatedV1.event_type)
    assert KpiProgressUpdatedV1.model_validate(wire).value == Decimal("0.5")


def test_a_kpi_value_that_is_not_a_number_is_refused_by_the_schema() -> None:
    wire = kpi_progress().model_dump(mode="json") | {"value": "a lot"}
    with pytest.raises(jsonschema.ValidationError):
        validate_on_the_wire(wire, KpiProgressUpdatedV1.event_type)


def test_a_kpi_period_must_end_after_it_starts() -> None:
    with pytest.raises(ValidationError, match="period_end must be after period_start"):
        kpi_progress(period_end=NOW - timedelta(days=8))
