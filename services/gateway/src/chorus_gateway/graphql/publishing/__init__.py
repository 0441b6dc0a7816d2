"""Publishing in GraphQL: channels with token health, posts and their publications, the calendar, live state changes."""
