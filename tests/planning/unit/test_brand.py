"""The Brand aggregate's rules and the events it records."""

from __future__ import annotations

import uuid

import pytest

from chorus_planning.domain.brand import Brand
from chorus_planning.domain.errors import BrandArchived
from chorus_shared.errors import ValidationFailed
from chorus_shared.messaging.contracts.planning import BrandArchivedV1, BrandCreatedV1, BrandRenamedV1, BrandUpdatedV1

TENANT = uuid.uuid4()


def _brand() -> Brand:
    brand = Brand.create(tenant_id=TENANT, name="  Maison   Lumière ", timezone="Europe/Paris", languages=["fr", "en"])
    brand.events.clear()
    return brand


def test_creating_a_brand_normalises_the_name_and_records_brand_created() -> None:
    brand = Brand.create(tenant_id=TENANT, name="  Maison   Lumière ", timezone="Europe/Paris", languages=["fr", "fr"])
    assert brand.name == "Maison Lumière"
    assert brand.languages == ["fr"]
    [event] = brand.events
    assert isinstance(event, BrandCreatedV1)
    assert (event.brand_id, event.timezone) == (brand.id, "Europe/Paris")


def test_invalid_brand_reports_every_field_with_its_path() -> None:
    with pytest.raises(ValidationFailed) as failure:
        Brand.create(tenant_id=TENANT, name=" ", timezone="Paris/Nowhere", languages=["fr", "French"])
    fields = {(e.field, e.code) for e in failure.value.field_errors}
    assert fields == {("name", "required"), ("timezone", "invalid"), ("languages.1", "invalid")}


def test_a_brand_speaks_at_least_one_language() -> None:
    with pytest.raises(ValidationFailed) as failure:
        Brand.create(tenant_id=TENANT, name="Acme", timezone="UTC", languages=[])
    assert [e.field for e in failure.value.field_errors] == ["languages"]


def test_rename_records_the_previous_name_and_a_same_name_rename_records_nothing() -> None:
    brand = _brand()
    brand.rename("Lumière Paris")
    brand.rename("Lumière Paris")
    assert brand.events == [BrandRenamedV1(brand_id=brand.id, name="Lumière Paris", previous_name="Maison Lumière")]
    assert brand.version == 2


def test_changing_the_timezone_records_a_full_snapshot() -> None:
    brand = _brand()
    brand.change_settings(timezone="America/New_York")
    [event] = brand.events
    assert isinstance(event, BrandUpdatedV1)
    assert (event.timezone, event.languages) == ("America/New_York", ["fr", "en"])


def test_an_archived_brand_cannot_be_changed_and_archiving_twice_is_harmless() -> None:
    brand = _brand()
    brand.archive()
    brand.archive()
    assert brand.events == [BrandArchivedV1(brand_id=brand.id)]
    with pytest.raises(BrandArchived):
        brand.rename("Too late")
