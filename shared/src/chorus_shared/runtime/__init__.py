"""How a service process starts: `python -m chorus_<service> api|worker|migrate`."""
