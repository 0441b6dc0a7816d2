"""OAuth 2 for connecting channels: PKCE, the code exchange, the refresh grant and who the token belongs to."""
