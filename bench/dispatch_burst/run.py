"""Top-of-the-hour dispatch benchmark: N posts due in the same minute over C channels (+10% the next minute),
sent to the sandbox network (50 ms latency, per-account limits) by Chorus dispatcher replicas; in the same run the
ceiling (a bare asyncpg `FOR UPDATE SKIP LOCKED` claim loop doing the same HTTP calls) and the peer (a
once-a-minute scan). Reports p50/p99/max lateness, posts/s, duplicates and misses. Prints a Markdown report.

    .venv/bin/python -m bench.dispatch_burst.run [--posts 100000] [--channels 1000] [--replicas 2] [--repeat 1]
        [--modes chorus,bare,scan] [--due-spread-s 0]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx
from bench.dispatch_burst.cpu import peak_memory_mb, process_cpu_s, tree_cpu_s

import chorus_publishing
from chorus_shared.db.cluster import SERVING_SETTINGS, EmbeddedCluster, free_port
from chorus_shared.db.migrate import run_migrations
from chorus_shared.db.provision import ServiceDatabase, provision

HERE = Path(__file__).parent
TENANTS = 10
LEAD_S = 5.0  # the burst falls due this long after seeding, so every mode starts from a quiet queue
CPU_KINDS = ("dispatchers", "sandbox network", "postgresql")


@dataclass
class Outcome:
    mode: str
    lateness_s: list[float]
    duplicates: int
    misses: int
    posts_per_s: float  # the first minute's burst only
    end_states: str = ""  # chorus only: where its publications stand when the run ends, and the attempts' outcomes
    cpu_s: dict[str, float] = field(default_factory=dict)  # CPU seconds by process kind over the run
    peak_mb: float = 0.0  # the largest peak resident memory of one dispatcher process

    def cpu_row(self) -> str:
        sent = max(len(self.lateness_s), 1)
        spent = " | ".join(f"{self.cpu_s.get(kind, 0.0) * 1000 / sent:.2f}" for kind in CPU_KINDS)
        return f"| {self.mode} | {spent} | {sum(self.cpu_s.values()) * 1000 / sent:.2f} | {self.peak_mb:.0f} |"

    def row(self) -> str:
        late = sorted(self.lateness_s) or [0.0]
        p50, p99 = late[len(late) // 2], late[min(len(late) - 1, int(len(late) * 0.99))]
        return (
            f"| {self.mode} | {len(self.lateness_s)} | {p50:.2f} | {p99:.2f} | {late[-1]:.2f} | "
            f"{self.posts_per_s:.0f} | {self.duplicates} | {self.misses} |"
        )


async def seed_chorus(owner_dsn: str, posts: int, channels: int, spread_s: float) -> datetime:
    conn = await asyncpg.connect(owner_dsn)
    total = posts + posts // 10
    per_tenant = -(-total // TENANTS)
    due = datetime.now(UTC) + timedelta(days=1)
    for t in range(TENANTS):
        tenant = f"00000000-0000-0000-0000-{t:012d}"
        async with conn.transaction():
            await conn.execute("SELECT set_config('app.tenant_id', $1, true)", tenant)
            await conn.execute(
                """
                INSERT INTO publications (id, tenant_id, brand_id, post_id, variant_id, channel_id, network, content,
                    timing, due_at, first_due_at, state, attempts, failures, needs_decision, created_at, updated_at)
                SELECT gen_random_uuid(), $1::uuid, $1::uuid, gen_random_uuid(), gen_random_uuid(),
                    ('00000000-0000-0000-0001-' || lpad(((n % $3) + $4)::text, 12, '0'))::uuid, 'sandbox',
                    jsonb_build_object('text', 'bench ' || n), 'custom', $5, $5, 'scheduled', 0, 0, false, now(), now()
                FROM generate_series(1, $2) AS n
                """,
                tenant,
                min(per_tenant, total - t * per_tenant),
                channels // TENANTS,
                t * (channels // TENANTS),
                due,
            )
            await conn.execute(
                "INSERT INTO dispatch_queue (publication_id, tenant_id, brand_id, phase, run_at) "
                "SELECT id, tenant_id, brand_id, 'due', due_at FROM publications"
            )
    start = datetime.now(UTC) + timedelta(seconds=LEAD_S)
    for t in range(TENANTS):
        async with conn.transaction():
            await conn.execute("SELECT set_config('app.tenant_id', $1, true)", f"00000000-0000-0000-0000-{t:012d}")
            await conn.execute(
                "UPDATE publications SET due_at = CAST($1 AS timestamptz) + "
                "CASE WHEN (hashtext(id::text) & 1023) < 93 THEN interval '60 seconds' ELSE interval '0' END + "
                "make_interval(secs => $2 * ((hashtext(id::text || 'spread') & 65535) / 65536.0))",
                start,
                spread_s,
            )
            await conn.execute("UPDATE publications SET first_due_at = due_at")
            await conn.execute(
                "UPDATE dispatch_queue q SET run_at = p.due_at FROM publications p WHERE p.id = q.publication_id"
            )
    await _analyze(conn, "publications", "dispatch_queue")
    await conn.close()
    return start


async def _analyze(conn: asyncpg.Connection, *tables: str) -> None:
    """Statistics as autovacuum keeps them in a running system: without them a freshly seeded queue is planned as
    nearly empty, and each claim sorts every due row instead of reading the first ones off the index."""
    for table in tables:
        await conn.execute(f"ANALYZE {table}")


async def seed_bare(owner_dsn: str, posts: int, channels: int, spread_s: float) -> datetime:
    conn = await asyncpg.connect(owner_dsn)
    start = datetime.now(UTC) + timedelta(seconds=LEAD_S)
    await conn.execute("DROP TABLE IF EXISTS bare_posts")
    await conn.execute(
        "CREATE TABLE bare_posts (id uuid PRIMARY KEY, account text NOT NULL, due_at timestamptz NOT NULL, "
        "state text NOT NULL)"
    )
    await conn.execute("CREATE INDEX ON bare_posts (state, due_at)")
    await conn.execute(
        "INSERT INTO bare_posts SELECT gen_random_uuid(), 'acct-' || (n % $2), "
        "CAST($3 AS timestamptz) + CASE WHEN n > $1 THEN interval '60 seconds' ELSE interval '0' END + "
        "make_interval(secs => $4 * ((hashtext(n::text || 'spread') & 65535) / 65536.0)), 'due' "
        "FROM generate_series(1, $1 + $1 / 10) AS n",
        posts,
        channels,
        start,
        spread_s,
    )
    await _analyze(conn, "bare_posts")
    await conn.close()
    return start


async def due_times(owner_dsn: str, mode: str) -> dict[str, datetime]:
    conn = await asyncpg.connect(owner_dsn)
    found: dict[str, datetime] = {}
    if mode == "chorus":
        for t in range(TENANTS):
            async with conn.transaction():
                await conn.execute("SELECT set_config('app.tenant_id', $1, true)", f"00000000-0000-0000-0000-{t:012d}")
                for row in await conn.fetch("SELECT id, first_due_at FROM publications"):
                    found[f"chorus-{row['id']}"] = row["first_due_at"]
    else:
        for row in await conn.fetch("SELECT id, due_at FROM bare_posts"):
            found[f"bare-{row['id']}"] = row["due_at"]
    await conn.close()
    return found


async def pending(conn: asyncpg.Connection, mode: str) -> bool:
    """Whether anything is left to send. The run asks twice a second while the replicas work: one connection, and
    no count (a count reads the whole table each time, on the cores the replicas share)."""
    sql = (
        "SELECT EXISTS (SELECT 1 FROM dispatch_queue)"
        if mode == "chorus"
        else "SELECT EXISTS (SELECT 1 FROM bare_posts WHERE state IN ('due', 'sending'))"
    )
    return bool(await conn.fetchval(sql))


async def one_run(
    mode: str, args: argparse.Namespace, cluster: EmbeddedCluster, run: int, sandbox: str, sandbox_pid: int
) -> Outcome:
    spec = ServiceDatabase.for_service("publishing", database=f"bench_dispatch_{mode}_{run}")
    provision(cluster.admin_dsn, spec)
    owner_url = spec.owner_url(cluster.host, cluster.port)
    run_migrations(Path(chorus_publishing.__file__).parent / "migrations", owner_url)
    owner_dsn = owner_url.replace("+asyncpg", "")
    async with httpx.AsyncClient(timeout=120) as http:
        await http.post(f"{sandbox}/_control/reset")
    seed = seed_chorus if mode == "chorus" else seed_bare
    if mode != "chorus":
        # The bare loop and the scan run as the owner: they have no tenancy to respect.
        app_url = owner_url
    else:
        app_url = spec.app_url(cluster.host, cluster.port)
    start = await seed(owner_dsn, args.posts, args.channels, args.due_spread_s)
    count = 1 if mode == "scan" else args.replicas
    postmaster = int((cluster.pgdata / "postmaster.pid").read_text().split()[0])
    cpu_before = {"sandbox network": process_cpu_s(sandbox_pid), "postgresql": tree_cpu_s(postmaster)}
    procs = [
        subprocess.Popen([sys.executable, str(HERE / "replica.py"), mode, app_url, sandbox, str(args.account_limit)])
        for _ in range(count)
    ]
    deadline = start + timedelta(seconds=60 + args.due_spread_s + args.grace_s)
    watch = await asyncpg.connect(owner_dsn)
    try:
        while datetime.now(UTC) < deadline and (datetime.now(UTC) < start or await pending(watch, mode)):
            await asyncio.sleep(0.5)
    finally:
        await watch.close()
        dispatchers_s = sum(process_cpu_s(proc.pid) for proc in procs)
        peak_mb = max(peak_memory_mb(proc.pid) for proc in procs)
        cpu_after = {"sandbox network": process_cpu_s(sandbox_pid), "postgresql": tree_cpu_s(postmaster)}
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=60)
    outcome = await measure(mode, owner_dsn, sandbox)
    outcome.peak_mb = peak_mb
    outcome.cpu_s = {
        "dispatchers": dispatchers_s,
        "sandbox network": cpu_after["sandbox network"] - cpu_before["sandbox network"],
        "postgresql": cpu_after["postgresql"] - cpu_before["postgresql"],
    }
    if mode == "chorus":
        outcome.end_states = await chorus_end_states(owner_dsn)
    return outcome


async def chorus_end_states(owner_dsn: str) -> str:
    """Publications by state and attempts by outcome, over every tenant: what a miss was doing when time ran out."""
    conn = await asyncpg.connect(owner_dsn)
    states: Counter[str] = Counter()
    try:
        for t in range(TENANTS):
            async with conn.transaction():
                await conn.execute("SELECT set_config('app.tenant_id', $1, true)", f"00000000-0000-0000-0000-{t:012d}")
                for row in await conn.fetch("SELECT state, count(*) AS n FROM publications GROUP BY state"):
                    states[f"publication {row['state']}"] += row["n"]
                for row in await conn.fetch(
                    "SELECT state, last_error, count(*) AS n FROM publications "
                    "WHERE state <> 'published' AND last_error IS NOT NULL GROUP BY state, last_error"
                ):
                    states[f"{row['state']} because {row['last_error']!r}"] += row["n"]
                for row in await conn.fetch(
                    "SELECT outcome, coalesce(response_code, 0) AS code, count(*) AS n FROM publication_attempts "
                    "GROUP BY outcome, response_code"
                ):
                    states[f"attempt {row['outcome']} {row['code'] or ''}".strip()] += row["n"]
    finally:
        await conn.close()
    return ", ".join(f"{name}: {n}" for name, n in sorted(states.items()))


async def measure(mode: str, owner_dsn: str, sandbox: str) -> Outcome:
    due = await due_times(owner_dsn, mode)
    async with httpx.AsyncClient(timeout=300) as http:
        posts = (await http.get(f"{sandbox}/_control/posts")).json()["data"]
    per_item: Counter[str] = Counter()
    lateness, sent_at = [], {}
    for post in posts:
        key = post["idempotency_key"] or ""
        item = key.rsplit("-", 1)[0] if mode == "chorus" else key
        per_item[item] += 1
        if per_item[item] == 1 and item in due:
            sent_at[item] = datetime.fromisoformat(post["created_at"])
            lateness.append(max((sent_at[item] - due[item]).total_seconds(), 0.0))
    duplicates = sum(n - 1 for n in per_item.values() if n > 1)
    misses = sum(1 for item in due if item not in per_item)
    # Burst throughput: the first minute's posts over the time from the first due time to the last of them sent.
    first_due = min(due.values())
    burst = [sent_at[item] for item, at in due.items() if at < first_due + timedelta(seconds=60) and item in sent_at]
    span_s = (max(burst) - first_due).total_seconds() if burst else 0.0
    return Outcome(mode, lateness, duplicates, misses, len(burst) / max(span_s, 1e-3))


def start_sandbox(args: argparse.Namespace) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "chorus_publishing.adapters.networks.sandbox_server",
            "--port",
            str(port),
            "--latency-ms",
            str(args.latency_ms),
            "--rate-limit",
            str(args.account_limit),
            "--window-s",
            "60",
        ]
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.post(f"{url}/_control/reset", timeout=1)
            return proc, url
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("the sandbox network did not start")


async def main(args: argparse.Namespace) -> None:
    sandbox_proc, sandbox = start_sandbox(args)
    outcomes: list[Outcome] = []
    try:
        with tempfile.TemporaryDirectory(prefix="chorus-bench-") as tmp:
            cluster = EmbeddedCluster(Path(tmp), port=free_port(), settings=SERVING_SETTINGS)
            cluster.start()
            try:
                for run in range(args.repeat):
                    for mode in args.modes.split(","):
                        outcomes.append(await one_run(mode, args, cluster, run, sandbox, sandbox_proc.pid))
            finally:
                cluster.destroy()
    finally:
        sandbox_proc.terminate()
        sandbox_proc.wait()
    report(args, outcomes)


def report(args: argparse.Namespace, outcomes: list[Outcome]) -> None:
    lines = [
        f"## Top-of-the-hour dispatch ({args.posts} posts + 10% next minute, {args.channels} channels, "
        f"{args.replicas} replicas, {args.latency_ms} ms latency, {args.account_limit}/min per account, "
        f"due times {_spread(args.due_spread_s)}, "
        f"{os.cpu_count()} cores)",
        "",
        "| mode | sent | p50 late s | p99 late s | max late s | burst posts/s | duplicates | misses |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *(o.row() for o in outcomes),
    ]
    lines += [
        "",
        "CPU milliseconds per post sent, by process, over each run (seeding and measuring excluded):",
        "",
        f"| mode | {' | '.join(CPU_KINDS)} | total | peak MB of one dispatcher |",
        f"| --- | {' | '.join('---' for _ in CPU_KINDS)} | --- | --- |",
        *(o.cpu_row() for o in outcomes),
    ]
    lines += ["", *(f"Chorus run {i + 1} ended with {o.end_states}." for i, o in enumerate(outcomes) if o.end_states)]
    chorus = [o.posts_per_s for o in outcomes if o.mode == "chorus"]
    bare = [o.posts_per_s for o in outcomes if o.mode == "bare"]
    if chorus and bare and statistics.median(bare):
        lines += ["", f"Chorus / bare ceiling throughput: {statistics.median(chorus) / statistics.median(bare):.2f}"]
    sys.stdout.write("\n".join(lines) + "\n")


def _spread(seconds: float) -> str:
    return f"spread over {seconds:g} s of each minute" if seconds else "all at each minute's first instant"


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--channels", type=int, default=1_000)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--account-limit", type=int, default=300, help="requests per account per minute")
    parser.add_argument(
        "--due-spread-s",
        type=float,
        default=0.0,
        help="spread each minute's due times evenly over this many seconds (0: all due at the minute's first instant)",
    )
    parser.add_argument("--grace-s", type=float, default=120.0, help="how long after the last due minute to wait")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--modes", default="chorus,bare,scan", help="which of chorus,bare,scan to run, in order")
    return parser.parse_args(argv)


if __name__ == "__main__":
    asyncio.run(main(parse()))
