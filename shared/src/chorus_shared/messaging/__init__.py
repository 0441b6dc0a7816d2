"""Events between services: CloudEvents envelope, contracts, outbox, inbox, consumers and the two bus backends."""
