"""`python -m chorus_gateway ...`: the gateway's operator commands (see cli.py)."""

from chorus_gateway.cli import main

raise SystemExit(main())
