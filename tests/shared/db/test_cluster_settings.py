"""The embedded server starts with the settings it is given: `chorus up` and the dispatch benchmark give it the
memory a burst needs (`SERVING_SETTINGS`), where PostgreSQL's defaults would have it evict pages all minute."""

from __future__ import annotations

import tempfile
from pathlib import Path

import asyncpg

from chorus_shared.db.cluster import EmbeddedCluster, free_port


async def _show(dsn: str, *names: str) -> dict[str, str]:
    conn = await asyncpg.connect(dsn)
    try:
        return {name: str(await conn.fetchval(f"SHOW {name}")) for name in names}
    finally:
        await conn.close()


async def test_a_cluster_started_with_settings_runs_with_them() -> None:
    with tempfile.TemporaryDirectory(prefix="chorus-pg-settings-") as tmp:
        cluster = EmbeddedCluster(Path(tmp), port=free_port(), settings={"shared_buffers": "48MB", "work_mem": "7MB"})
        cluster.start()
        try:
            shown = await _show(cluster.admin_dsn, "shared_buffers", "work_mem", "max_connections")
        finally:
            cluster.destroy()
    assert shown == {"shared_buffers": "48MB", "work_mem": "7MB", "max_connections": "300"}
