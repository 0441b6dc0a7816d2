"""/graphql over HTTP: request context and transaction, GraphQL-over-HTTP status codes and media types.

- GET runs queries only: a mutation over GET is 405 (POST is the way).
- `Accept: application/graphql-response+json` gets that media type, and a request error (the document did not
  parse, validate or pass the limits, so nothing ran) is 400, as the GraphQL-over-HTTP spec asks; field errors
  met while executing stay 200. `application/json` clients get 200 as ever.
- The request's transaction commits after execution when no error occurred, else it rolls back.
- Subscriptions run over a websocket with graphql-transport-ws; the caller authenticates in connection_init.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, cast

import strawberry
from cross_web import HTTPException
from fastapi import Request, Response, WebSocket
from starlette.requests import HTTPConnection
from strawberry.exceptions import ConnectionRejectionError, MissingQueryError
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLRequestData
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET, UnsetType

from chorus_gateway.adapters.orm import outbox
from chorus_gateway.graphql.context import GatewayContext
from chorus_gateway.graphql.database import RequestDatabase
from chorus_gateway.service.authenticate import authenticate
from chorus_gateway.state import GatewayState
from chorus_shared.db.uow import UnitOfWork
from chorus_shared.errors import Unauthenticated
from chorus_shared.observability.context import traceparent

GRAPHQL_RESPONSE = "application/graphql-response+json"


async def request_context(connection: HTTPConnection) -> AsyncIterator[GatewayContext]:
    state: GatewayState = connection.app.state.gateway
    if isinstance(connection, WebSocket):
        # A socket lives for hours: it holds no transaction, and its caller is known at connection_init.
        yield GatewayContext(
            settings=state.settings,
            database=RequestDatabase(_unit_of_work(state)),
            principal=None,
            http=state.http,
            post_events=state.post_events,
        )
        return
    uow = _unit_of_work(state)
    async with uow:
        principal = await authenticate(
            uow.session,
            connection.headers.get("Authorization"),
            user_token_secret=state.settings.user_token_secret.get_secret_value(),
        )
        uow.tenant_id = principal.tenant_id if principal else None
        yield GatewayContext(
            settings=state.settings, database=RequestDatabase(uow), principal=principal, http=state.http
        )


def _unit_of_work(state: GatewayState) -> UnitOfWork:
    return UnitOfWork(state.sessions, outbox=outbox, source="chorus.gateway", traceparent=traceparent.get())


class ChorusGraphQLRouter(GraphQLRouter[GatewayContext, None]):
    def __init__(self, schema: strawberry.Schema, *, graphiql: bool) -> None:
        super().__init__(
            schema,
            # FastAPI runs the generator as a yield dependency; strawberry's annotation does not say so.
            context_getter=request_context,  # type: ignore[arg-type]
            graphql_ide="graphiql" if graphiql else None,
            allow_queries_via_get=True,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        )

    async def on_ws_connect(self, context: GatewayContext) -> UnsetType | dict[str, object] | None:
        """Subscriptions authenticate once, with connection_init's payload `{"authorization": "Bearer ..."}`."""
        params = context.connection_params or {}
        authorization = params.get("authorization")
        if context.request is None:
            raise ConnectionRejectionError({"message": "No connection."})
        state: GatewayState = context.request.app.state.gateway
        try:
            if not isinstance(authorization, str):
                raise Unauthenticated("Send connection_init with {'authorization': 'Bearer <API key or token>'}.")
            async with _unit_of_work(state) as uow:
                context.principal = await authenticate(
                    uow.session, authorization, user_token_secret=state.settings.user_token_secret.get_secret_value()
                )
                await uow.commit()
        except Unauthenticated as error:
            raise ConnectionRejectionError({"message": error.message, "code": error.code}) from error
        return cast(UnsetType, UNSET)

    async def execute_single(  # noqa: PLR0917 - signature fixed by strawberry
        self,
        request: Request,
        request_adapter: Any,
        sub_response: Response,
        context: GatewayContext,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        allowed = OperationType.from_http(request_adapter.method)
        try:
            result = await self.schema.execute(
                request_data.query,
                root_value=root_value,
                variable_values=request_data.variables,
                context_value=context,
                operation_name=request_data.operation_name,
                allowed_operation_types=allowed,
                operation_extensions=request_data.extensions,
            )
        except InvalidOperationTypeError as error:
            if request_adapter.method == "GET":
                raise HTTPException(405, "Mutations are sent with POST; GET runs queries only.") from error
            raise HTTPException(400, error.as_http_error_reason(request_adapter.method)) from error
        except CannotGetOperationTypeError as error:
            raise HTTPException(400, error.as_http_error_reason()) from error
        except MissingQueryError as error:
            raise HTTPException(400, "No GraphQL query found in the request.") from error
        await _finish_transaction(context, result)
        _negotiate(request, sub_response, result)
        return result

    def create_response(self, response_data: Any, sub_response: Response) -> Response:
        response = super().create_response(response_data, sub_response)
        media_type = getattr(sub_response, "chorus_media_type", None)
        if media_type is not None:
            response.headers["content-type"] = media_type
        return response


async def _finish_transaction(context: GatewayContext, result: ExecutionResult) -> None:
    if result.errors:
        await context.database.uow.rollback()
    else:
        await context.database.uow.commit()


def _negotiate(request: Request, sub_response: Response, result: ExecutionResult) -> None:
    if GRAPHQL_RESPONSE not in request.headers.get("accept", ""):
        return
    sub_response.chorus_media_type = GRAPHQL_RESPONSE  # type: ignore[attr-defined]
    if result.data is None and result.errors and all(error.path is None for error in result.errors):
        sub_response.status_code = 400
