"""Media at the public address networks fetch them from (Instagram): no sign-in, only known files, cached forever."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx

from chorus_publishing.adapters.media_storage import LocalMediaStorage
from chorus_publishing.domain.publication import MediaRef, PublicationContent
from chorus_publishing.service.outgoing_media import MediaSource, network_content
from chorus_publishing.testing.post_kit import Agency, known_brand
from chorus_shared.testing.postgres import MigratedDatabase

PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 64


async def _uploaded(client: httpx.AsyncClient, agency: Agency, brand: str) -> dict[str, str]:
    answer = await client.post(f"/brands/{brand}/media", files={"file": ("a.png", PNG, "image/png")}, headers=agency.cm)
    assert answer.status_code == 201
    media: dict[str, str] = answer.json()
    return media


async def test_an_uploaded_file_is_served_without_sign_in_at_the_address_instagram_is_given(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase, media_dir: Path
) -> None:
    agency = Agency()
    brand = await known_brand(publishing_db, agency)
    media = await _uploaded(client, agency, brand)
    key = f"{agency.id}/{media['sha256'][:2]}/{media['sha256']}"
    content = PublicationContent(text="Look", media=(MediaRef(media["id"], mime_type="image/png", storage_key=key),))
    source = MediaSource(LocalMediaStorage(media_dir), "http://chorus.test/public/media/")

    sent = await network_content(content, "instagram", source)
    address = sent.media[0].url
    assert address is not None
    assert address == f"http://chorus.test/public/media/{key}"

    served = await client.get(address.removeprefix("http://chorus.test"))
    assert served.status_code == 200
    assert (served.content, served.headers["content-type"]) == (PNG, "image/png")
    assert "immutable" in served.headers["cache-control"]
    assert served.headers["x-content-type-options"] == "nosniff"


async def test_only_a_known_file_of_that_agency_is_served(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase, media_dir: Path
) -> None:
    agency = Agency()
    brand = await known_brand(publishing_db, agency)
    digest = (await _uploaded(client, agency, brand))["sha256"]

    elsewhere = await client.get(f"/public/media/{uuid.uuid4()}/{digest[:2]}/{digest}")
    unknown = await client.get(f"/public/media/{agency.id}/00/{'0' * 64}")
    malformed = await client.get(f"/public/media/{agency.id}/{digest[:2]}/..%2F..%2Fetc")
    wrong_prefix = await client.get(f"/public/media/{agency.id}/zz/{digest}")

    for answer in (elsewhere, unknown, wrong_prefix):
        assert answer.status_code == 404
        assert answer.json()["error"]["code"] == "not_found"
    assert malformed.status_code == 404  # the router matches no such path at all
    assert all(PNG not in a.content for a in (elsewhere, unknown, malformed, wrong_prefix))


async def test_a_file_lost_from_the_store_is_not_found_not_a_server_error(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase, media_dir: Path
) -> None:
    agency = Agency()
    brand = await known_brand(publishing_db, agency)
    digest = (await _uploaded(client, agency, brand))["sha256"]
    for path in media_dir.rglob(digest):
        path.unlink()

    answer = await client.get(f"/public/media/{agency.id}/{digest[:2]}/{digest}")
    assert answer.status_code == 404
