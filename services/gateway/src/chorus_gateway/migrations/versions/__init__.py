"""Gateway migrations, oldest first."""
