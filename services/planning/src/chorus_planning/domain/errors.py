"""Planning's domain errors, each with its stable code and HTTP meaning."""

from chorus_shared.errors import Conflict, NotFound


class BrandNotFound(NotFound):
    code = "brand_not_found"


class BrandArchived(Conflict):
    code = "brand_archived"
