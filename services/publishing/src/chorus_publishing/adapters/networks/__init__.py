"""Social network connectors: one module per network, all implementing `NetworkConnector` (connector.py)."""
