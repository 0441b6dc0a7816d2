"""Media uploaded once and reused, UTM settings per brand, CSV import with a per-row report, and CSV export."""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path

import httpx

from chorus_publishing.adapters.orm import outbox
from chorus_publishing.service.post_lifecycle import outgoing_variants
from chorus_publishing.testing.post_kit import Agency, known_brand, new_post, outbox_events, variant
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.testing.postgres import MigratedDatabase

AGENCY = Agency()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64


async def _upload(
    client: httpx.AsyncClient, brand: str, content: bytes, mime: str, name: str = "a.png"
) -> httpx.Response:
    files = {"file": (name, content, mime)}
    return await client.post(f"/brands/{brand}/media", files=files, headers=AGENCY.cm)


async def test_media_is_stored_once_by_content_and_reused_across_variants(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase, media_dir: Path
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    first = await _upload(client, brand, PNG, "image/png")
    again = await _upload(client, brand, PNG, "image/png", name="copy.png")
    assert first.status_code == again.status_code == 201
    assert (first.json()["reused"], again.json()["reused"]) == (False, True)
    assert again.json()["id"] == first.json()["id"]
    assert first.json()["kind"] == "image"
    assert len([p for p in media_dir.rglob("*") if p.is_file()]) == 1

    media_id = first.json()["id"]
    content = await client.get(f"/media/{media_id}/content", headers=AGENCY.analyst)
    assert (content.content, content.headers["content-type"]) == (PNG, "image/png")
    image = [{"media_id": media_id, "alt_text": "A kettle"}]
    post = await new_post(client, AGENCY, brand, variant("mastodon", media=image), variant("bluesky", media=image))
    assert [v["media"][0]["media_id"] for v in post["variants"]] == [media_id, media_id]

    other_brand = await known_brand(publishing_db, AGENCY)
    elsewhere = {"brand_id": other_brand, "variants": [variant("mastodon", media=image)]}
    refused = await client.post("/posts", json=elsewhere, headers=AGENCY.cm)
    assert [f["field"] for f in refused.json()["error"]["fields"]] == ["variants.0.media.0.media_id"]
    assert (await client.get(f"/media/{media_id}", headers=Agency().owner)).status_code == 404


async def test_uploads_are_checked_for_type_content_and_size(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY)

    async def code(content: bytes, mime: str) -> str:
        response = await _upload(client, brand, content, mime)
        assert response.status_code == 422, response.text
        return str(response.json()["error"]["fields"][0]["code"])

    assert await code(b"MZ\x90\x00", "application/x-msdownload") == "unsupported_type"
    assert await code(b"MZ\x90\x00" * 10, "image/png") == "type_mismatch"
    assert await code(b"", "image/png") == "required"
    assert await code(PNG + b"\x00" * 5000, "image/png") == "too_large"  # the test app allows 4096 bytes
    assert (await client.post(f"/brands/{brand}/media", headers=AGENCY.cm)).status_code == 422
    video = await _upload(client, brand, MP4, "video/mp4", name="clip.mp4")
    assert video.json()["kind"] == "video"
    analyst = await client.post(
        f"/brands/{brand}/media", files={"file": ("a.png", PNG, "image/png")}, headers=AGENCY.analyst
    )
    assert analyst.status_code == 403


async def test_links_get_the_brands_utm_tags_when_the_post_goes_out(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    campaign = str(uuid.uuid4())
    text = "New in https://shop.example/kettle?color=red"
    mastodon = variant("mastodon", text, link="https://shop.example/spring")
    post = await new_post(client, AGENCY, brand, mastodon, campaign_id=campaign)

    async def sent_text() -> str:
        engine = make_engine(publishing_db.app_url)
        async with UnitOfWork(make_sessions(engine), outbox=outbox, source="t", tenant_id=AGENCY.id) as uow:
            outgoing = await outgoing_variants(uow, uuid.UUID(str(post["id"])))
        await engine.dispose()
        return outgoing[0].text

    tags = f"utm_source=mastodon&utm_medium=social&utm_campaign={campaign}"
    assert (
        await sent_text()
        == f"New in https://shop.example/kettle?color=red&{tags}\n\nhttps://shop.example/spring?{tags}"
    )

    settings = {"enabled": True, "medium": "paid", "campaign_name": "spring-kettles"}
    assert (await client.put(f"/brands/{brand}/utm", json=settings, headers=AGENCY.cm)).status_code == 403
    saved = await client.put(f"/brands/{brand}/utm", json=settings, headers=AGENCY.smm)
    assert saved.json()["utm"] == settings
    assert "utm_medium=paid&utm_campaign=spring-kettles" in await sent_text()
    bad = await client.put(f"/brands/{brand}/utm", json={"medium": " "}, headers=AGENCY.smm)
    assert [(f["field"], f["code"]) for f in bad.json()["error"]["fields"]] == [("medium", "required")]
    events = await outbox_events(publishing_db, brand)
    assert [t for t, _ in events] == ["chorus.publishing.brand.utm_settings_changed.v1"]

    await client.put(f"/brands/{brand}/utm", json={"enabled": False}, headers=AGENCY.smm)
    assert await sent_text() == f"{text}\n\nhttps://shop.example/spring"


async def test_a_csv_import_keeps_the_valid_rows_and_reports_the_others_by_row_and_field(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    channel = uuid.uuid4()
    rows = [
        ["network", "channel_id", "text", "link", "thread"],
        ["mastodon", str(channel), "Hello from the import", "https://shop.example", ""],
        ["x", str(uuid.uuid4()), "y" * 300, "", ""],
        ["instagram", "", "No image", "", ""],
        ["bluesky", "not-an-id", "Hi", "", ""],
        ["linkedin", "", "Thread?", "", "one\n---\ntwo"],
        ["bluesky", "", "Short and fine", "", "second\n---\nthird"],
    ]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    files = {"file": ("posts.csv", out.getvalue().encode(), "text/csv")}
    report = (await client.post(f"/brands/{brand}/posts/import", files=files, headers=AGENCY.cm)).json()

    assert [r["row"] for r in report["imported"]] == [2, 7]
    assert [(e["row"], e["field"], e["code"]) for e in report["errors"]] == [
        (3, "text", "too_long"),
        (4, "media_ids", "media_required"),
        (5, "channel_id", "invalid_id"),
        (6, "thread", "threads_unsupported"),
    ]
    listed = (await client.get(f"/brands/{brand}/posts", headers=AGENCY.cm)).json()["items"]
    assert sorted(p["id"] for p in listed) == sorted(r["post_id"] for r in report["imported"])

    no_text = {"file": ("p.csv", b"network,channel\nx,1\n", "text/csv")}
    refused = await client.post(f"/brands/{brand}/posts/import", files=no_text, headers=AGENCY.cm)
    assert [(f["field"], f["code"]) for f in refused.json()["error"]["fields"]] == [("file", "missing_columns")]
    binary = {"file": ("p.csv", b"\xff\xfe\x00", "text/csv")}
    assert (await client.post(f"/brands/{brand}/posts/import", files=binary, headers=AGENCY.cm)).status_code == 422
    too_many = {"file": ("p.csv", ("network,text\n" + "x,hi\n" * 51).encode(), "text/csv")}
    refused = await client.post(f"/brands/{brand}/posts/import", files=too_many, headers=AGENCY.cm)
    assert refused.json()["error"]["fields"][0]["code"] == "too_many_rows"
    assert len((await client.get(f"/brands/{brand}/posts", headers=AGENCY.cm)).json()["items"]) == 2


async def test_the_export_lists_every_variant_and_defuses_spreadsheet_formulas(
    client: httpx.AsyncClient, publishing_db: MigratedDatabase
) -> None:
    brand = await known_brand(publishing_db, AGENCY)
    post = await new_post(client, AGENCY, brand, variant("mastodon", "=HYPERLINK(evil)"), variant("x", "Plain"))
    export = await client.get(f"/brands/{brand}/posts/export", headers=AGENCY.analyst)
    assert export.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert [(r["post_id"], r["network"], r["text"], r["state"]) for r in rows] == [
        (post["id"], "mastodon", "'=HYPERLINK(evil)", "draft"),
        (post["id"], "x", "Plain", "draft"),
    ]
    assert (await client.get(f"/brands/{brand}/posts/export", headers=AGENCY.client_of(brand))).status_code == 403
    assert (await client.get(f"/brands/{brand}/posts/export", headers=Agency().owner)).status_code == 404
