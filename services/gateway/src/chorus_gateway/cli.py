"""Operator commands of the gateway: `python -m chorus_gateway create-agency --name ... --owner-email ...`.

Prints the owner's API key alone on stdout (or a JSON object with `--json`) so a calling program can capture it;
explanations go to stderr. Exit status: 0 created, 2 refused (the reasons are on stderr).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Sequence

from chorus_gateway.adapters.orm import outbox
from chorus_gateway.service.agencies import AgencyCreated, create_agency
from chorus_gateway.settings import GatewaySettings
from chorus_shared.db.engine import make_engine, make_sessions
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import ChorusError

PASSWORD_VARIABLE = "CHORUS_OWNER_PASSWORD"


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m chorus_gateway", description="Chorus gateway operator commands.")
    commands = root.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-agency", help="Create an agency with its owner; prints the owner API key.")
    create.add_argument("--name", required=True)
    create.add_argument("--owner-email", required=True)
    create.add_argument(
        "--owner-password", help=f"Prefer the {PASSWORD_VARIABLE} variable: arguments are visible to other users."
    )
    create.add_argument("--json", action="store_true", help="Print agency id, owner id and API key as JSON.")
    return root


async def _create(settings: GatewaySettings, *, name: str, email: str, password: str) -> AgencyCreated:
    engine = make_engine(settings.database_url, pool_size=1, max_overflow=0)
    try:
        async with UnitOfWork(make_sessions(engine), outbox=outbox, source="chorus.gateway") as uow:
            created = await create_agency(
                uow.session, name=name, owner_email=email, owner_password=password, bootstrap_only=False, actor="system"
            )
            await uow.commit()
        return created
    finally:
        await engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    password = args.owner_password or os.environ.get(PASSWORD_VARIABLE)
    if not password:
        sys.stderr.write(f"error: give --owner-password or set {PASSWORD_VARIABLE}\n")
        return 2
    try:
        created = asyncio.run(_create(GatewaySettings(), name=args.name, email=args.owner_email, password=password))
    except ChorusError as error:
        sys.stderr.write(f"error: {error.message}\n")
        for field_error in error.field_errors:
            sys.stderr.write(f"  {field_error.field}: {field_error.message}\n")
        return 2
    if args.json:
        summary = {
            "agency_id": str(created.agency.id),
            "owner_user_id": str(created.owner.id),
            "api_key": created.api_key_plaintext,
        }
        sys.stdout.write(json.dumps(summary) + "\n")
    else:
        sys.stderr.write(f"Agency {created.agency.name!r} created ({created.agency.id}); owner API key:\n")
        sys.stdout.write(created.api_key_plaintext + "\n")
    return 0
