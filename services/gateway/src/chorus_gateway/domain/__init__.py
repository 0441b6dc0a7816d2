"""Identity rules in pure Python: API key format, passwords, input validation, user tokens."""
