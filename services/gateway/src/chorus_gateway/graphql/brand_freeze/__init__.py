"""Publishing's brand freeze in GraphQL: whether a brand's queue is held, and freezing or resuming it by hand."""
