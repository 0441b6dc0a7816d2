"""Publishing service: the Community Manager's daily tool."""
