"""`python -m chorus_gateway api|migrate`, and the operator command `create-agency` (see cli.py)."""

import sys
from pathlib import Path

from chorus_gateway.cli import main as operator_main
from chorus_gateway.settings import GatewaySettings
from chorus_shared.runtime.entrypoint import ServiceSpec, main

SPEC = ServiceSpec(
    name="gateway",
    settings=GatewaySettings,
    app_factory="chorus_gateway.main:create_app",
    migrations=Path(__file__).parent / "migrations",
)

if __name__ == "__main__":
    if sys.argv[1:2] == ["create-agency"]:
        raise SystemExit(operator_main())
    main(SPEC)
