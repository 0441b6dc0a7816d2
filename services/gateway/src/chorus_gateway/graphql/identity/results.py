"""Success types and result unions of the identity mutations."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from chorus_gateway.graphql.identity.types import Agency, ApiKey, Member, User
from chorus_gateway.graphql.problems import ConflictProblem, NotAllowed, NotFoundProblem, Problem, ValidationErrors


@strawberry.type
class LoginSuccess:
    token: str = strawberry.field(description="Send as 'Authorization: Bearer <token>'.")
    expires_at: datetime


@strawberry.type
class WrongCredentials(Problem):
    """The email or the password is wrong; which one is not said."""


@strawberry.type
class ApiKeyCreated:
    api_key: ApiKey
    secret: str = strawberry.field(description="The full key. Shown this once; store it now.")


@strawberry.type
class ApiKeyRevoked:
    api_key: ApiKey


@strawberry.type
class MemberAdded:
    member: Member


@strawberry.type
class MemberRoleChanged:
    member: Member


@strawberry.type
class AgencyCreated:
    agency: Agency
    owner: User
    membership: Member
    api_key: ApiKeyCreated


LoginResult = Annotated[LoginSuccess | WrongCredentials, strawberry.union("LoginResult")]
_Problems = ValidationErrors | NotAllowed | NotFoundProblem | ConflictProblem
CreateApiKeyResult = Annotated[ApiKeyCreated | _Problems, strawberry.union("CreateApiKeyResult")]
RevokeApiKeyResult = Annotated[ApiKeyRevoked | _Problems, strawberry.union("RevokeApiKeyResult")]
AddMemberResult = Annotated[MemberAdded | _Problems, strawberry.union("AddMemberResult")]
ChangeMemberRoleResult = Annotated[MemberRoleChanged | _Problems, strawberry.union("ChangeMemberRoleResult")]
CreateAgencyResult = Annotated[AgencyCreated | _Problems, strawberry.union("CreateAgencyResult")]
