"""`python -m chorus_shared.cli` is the `chorus` command."""

from chorus_shared.cli.app import main

main()
