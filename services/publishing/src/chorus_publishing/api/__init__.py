"""Publishing REST API: thin routes over the use cases."""
