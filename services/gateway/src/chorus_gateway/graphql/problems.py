"""Expected failures as GraphQL types: each mutation returns its success type or one of these."""

from __future__ import annotations

import strawberry

from chorus_shared.errors import ChorusError, Conflict, FieldError, Forbidden, NotFound, Unauthenticated


@strawberry.interface
class Problem:
    message: str
    code: str


@strawberry.type(name="FieldError")
class FieldProblem:
    field: str
    message: str
    code: str


@strawberry.type
class ValidationErrors(Problem):
    fields: list[FieldProblem]


@strawberry.type
class NotAllowed(Problem):
    """Not authenticated, or the role or brand scope does not allow this."""


@strawberry.type(name="NotFound")
class NotFoundProblem(Problem):
    pass


@strawberry.type(name="Conflict")
class ConflictProblem(Problem):
    pass


CommonProblem = ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem


def problem_from(error: ChorusError) -> CommonProblem:
    """The union member for an expected failure. A server-side failure (5xx, e.g. a service that cannot be reached)
    is not the caller's problem to fix: it is re-raised, logged and masked like any unexpected error."""
    if error.status_code >= 500:
        raise error
    if isinstance(error, Unauthenticated | Forbidden):
        return NotAllowed(message=error.message, code=error.code)
    if isinstance(error, NotFound):
        return NotFoundProblem(message=error.message, code=error.code)
    if isinstance(error, Conflict):
        return ConflictProblem(message=error.message, code=error.code)
    return ValidationErrors(message=error.message, code=error.code, fields=field_problems(error.field_errors))


def field_problems(errors: list[FieldError]) -> list[FieldProblem]:
    """Services name fields in snake_case (REST); GraphQL callers see the camelCase names of their input."""
    return [FieldProblem(field=camel_path(e.field), message=e.message, code=e.code) for e in errors]


def camel_path(path: str) -> str:
    """`personas.0.pain_points` -> `personas.0.painPoints` (already camelCase paths are unchanged)."""
    return ".".join(_camel(part) for part in path.split("."))


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word[:1].upper() + word[1:] for word in rest)
