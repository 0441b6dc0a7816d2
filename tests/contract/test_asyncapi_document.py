"""The committed AsyncAPI document is the generated one, is structurally sound, and describes what is on the bus."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from chorus_shared.messaging.contracts import asyncapi, catalog
from chorus_shared.messaging.contracts.listening import CrisisDetectedV1
from chorus_shared.messaging.envelope import CloudEvent

DOCUMENT_PATH = Path(__file__).resolve().parents[2] / "docs" / "events" / "asyncapi.yaml"
DOCUMENT: dict[str, Any] = yaml.safe_load(DOCUMENT_PATH.read_text())
REF = {"type": "object", "required": ["$ref"], "properties": {"$ref": {"type": "string", "pattern": "^#/"}}}
NAME = "^[A-Za-z0-9._-]+$"  # AsyncAPI 3.0 component and channel keys

# The essentials of the AsyncAPI 3.0 specification that tools rely on (the official schema is not fetched).
ESSENTIALS: dict[str, Any] = {
    "type": "object",
    "required": ["asyncapi", "info", "channels", "operations", "components"],
    "properties": {
        "asyncapi": {"const": "3.0.0"},
        "info": {"type": "object", "required": ["title", "version"]},
        "servers": {
            "type": "object",
            "additionalProperties": {"type": "object", "required": ["host", "protocol"]},
        },
        "channels": {
            "type": "object",
            "propertyNames": {"pattern": NAME},
            "additionalProperties": {
                "type": "object",
                "required": ["address", "messages"],
                "properties": {"messages": {"type": "object", "additionalProperties": REF}},
            },
        },
        "operations": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["action", "channel"],
                "properties": {
                    "action": {"enum": ["send", "receive"]},
                    "channel": REF,
                    "messages": {"type": "array", "items": REF},
                },
            },
        },
        "components": {
            "type": "object",
            "properties": {
                "schemas": {"type": "object", "propertyNames": {"pattern": NAME}},
                "messages": {
                    "type": "object",
                    "propertyNames": {"pattern": NAME},
                    "additionalProperties": {"type": "object", "required": ["name", "payload", "headers"]},
                },
            },
        },
    },
}


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in refs(value)]
    if isinstance(node, list):
        return [ref for item in node for ref in refs(item)]
    return []


def resolve(ref: str) -> Any:
    node: Any = DOCUMENT
    for token in ref.removeprefix("#/").split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def validator_for(component: str) -> jsonschema.Draft202012Validator:
    """A validator for one component schema, able to follow the document's references."""
    return jsonschema.Draft202012Validator({"$ref": f"#/components/schemas/{component}", **DOCUMENT})


def test_the_committed_document_is_the_generated_one() -> None:
    assert DOCUMENT_PATH.read_text() == asyncapi.render_document(asyncapi.build_document()), (
        "contracts changed: run `python -m chorus_shared.messaging.contracts.asyncapi --write` and commit it"
    )
    assert asyncapi.check_document(DOCUMENT_PATH) == []


def test_a_stale_document_fails_the_check(tmp_path: Path) -> None:
    stale = tmp_path / "asyncapi.yaml"
    stale.write_text(DOCUMENT_PATH.read_text().replace("chorus.planning.brand.renamed.v1", "chorus.planning.x.y.v1"))
    assert asyncapi.main(["--check", "--target", str(stale)]) == 1
    assert asyncapi.main(["--check", "--target", str(tmp_path / "missing.yaml")]) == 1


def test_the_document_has_the_essential_asyncapi_structure() -> None:
    jsonschema.Draft202012Validator(ESSENTIALS).validate(DOCUMENT)


def test_every_reference_in_the_document_resolves() -> None:
    found = refs(DOCUMENT)
    assert found
    for ref in found:
        assert isinstance(resolve(ref), dict), ref


def test_every_topic_and_its_dead_letter_topic_is_a_channel_with_every_event_type() -> None:
    registry = catalog.registry()
    topics = {contract.topic() for contract in registry.values()}
    assert set(DOCUMENT["channels"]) == topics | {f"{topic}.dlq" for topic in topics}
    for event_type, contract in registry.items():
        assert event_type in DOCUMENT["channels"][contract.topic()]["messages"]
        assert DOCUMENT["channels"][contract.topic()]["bindings"]["kafka"]["topic"] == contract.topic()


@pytest.mark.parametrize("event_type", sorted(catalog.registry()))
def test_every_payload_schema_is_valid_json_schema(event_type: str) -> None:
    jsonschema.Draft202012Validator.check_schema(DOCUMENT["components"]["schemas"][event_type])
    message = DOCUMENT["components"]["messages"][event_type]
    assert message["bindings"]["kafka"]["key"]["type"] == "string"


def test_a_real_event_matches_its_message_headers_and_payload() -> None:
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    payload = CrisisDetectedV1(
        brand_id=uuid.uuid4(),
        detected_at=now,
        severity="critical",
        reason="spike",
        mention_volume=900,
        negative_share=0.9,
        window_start=now - timedelta(minutes=15),
        window_end=now,
    )
    event = CloudEvent(
        type=payload.event_type,
        source="chorus.listening",
        subject=str(payload.brand_id),
        tenantid=str(uuid.uuid4()),
        data=payload.model_dump(mode="json"),
        traceparent="00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    )
    headers = {name: value.decode() for name, value in event.to_headers()}
    validator_for(payload.event_type).validate(event.data)
    validator_for("CloudEventHeaders").validate(headers)
    message_headers = DOCUMENT["components"]["messages"][payload.event_type]["headers"]
    headers_validator = jsonschema.Draft202012Validator({**DOCUMENT, **message_headers})
    headers_validator.validate(headers)
    wrong_type = headers | {"ce_type": "chorus.planning.brand.created.v1"}
    with pytest.raises(jsonschema.ValidationError):
        headers_validator.validate(wrong_type)
    with pytest.raises(jsonschema.ValidationError):
        validator_for(payload.event_type).validate({**event.data, "severity": "mild"})
