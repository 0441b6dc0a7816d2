"""Every registered event type follows `chorus.<service>.<aggregate>.<verb>.v<N>` and lives on its service's topic."""

from __future__ import annotations

import pytest

from chorus_shared.messaging.contracts import catalog
from chorus_shared.messaging.contracts.naming import naming_problem, topic_of

REGISTRY = catalog.registry()


@pytest.mark.parametrize("event_type", sorted(REGISTRY))
def test_the_event_type_name_is_well_formed(event_type: str) -> None:
    assert naming_problem(event_type) is None


@pytest.mark.parametrize("event_type", sorted(REGISTRY))
def test_the_contract_is_published_on_its_services_topic(event_type: str) -> None:
    assert REGISTRY[event_type].topic() == topic_of(event_type)


@pytest.mark.parametrize(
    "bad_name",
    [
        "chorus.planning.brand.created",  # no version
        "chorus.planning.brand.created.v0",
        "chorus.planning.Brand.created.v1",
        "acme.planning.brand.created.v1",
        "chorus.billing.invoice.paid.v1",  # no such service
        "chorus.planning.created.v1",
    ],
)
def test_malformed_names_are_refused(bad_name: str) -> None:
    assert naming_problem(bad_name) is not None
