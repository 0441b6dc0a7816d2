"""Planning service: the Social Media Manager's desk."""
