"""The server's ASGI app: the receiver's two routes and the desks' API under ``/api/v1`` (OpenAPI at
``/api/v1/openapi.json``), each request authorised by the bearer's role and rooftops."""

import asyncio
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from desktop.server import audit
from desktop.server.context import Services
from desktop.server.deals import Forbidden, NotFound, StaleVersion
from desktop.server.limits import BodyLimit
from desktop.server.models import (
    STAGES,
    Audit,
    AuditCheck,
    Changes,
    Conflict,
    Customer,
    CustomerConflict,
    CustomerCreate,
    CustomerUpdate,
    Deal,
    DealCreate,
    DealList,
    DealUpdate,
    ErrorBody,
    HistoryRow,
    Reveal,
    Revealed,
    Roster,
    StaffMember,
)
from desktop.server.receiver import error, event_schema, receiver_routes
from desktop.server.users import User, roster

API = "/api/v1"
API_VERSION = "1.0.0"
MAX_LIST = 500
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad input; the field is named"},
    401: {"model": ErrorBody, "description": "No valid token"},
    403: {"model": ErrorBody, "description": "Not your role or rooftop"},
    404: {"model": ErrorBody, "description": "No such record"},
}


class _Refused(Exception):
    def __init__(self, status: int, reason: str, field: str | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.field = field


def _field_of(exc: RequestValidationError) -> tuple[str, str]:
    first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
    loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path", "header")]
    name = ".".join(loc) or "body"
    return name, str(first.get("msg", "invalid"))


def create_app(services: Services) -> FastAPI:
    """The whole server over ``services`` (database, sealer, stores); one app serves one database."""
    app = FastAPI(
        title="Dealer Desk team server",
        version=API_VERSION,
        openapi_url=f"{API}/openapi.json",
        docs_url=f"{API}/docs",
        redoc_url=None,
    )
    app.add_middleware(BodyLimit)
    app.include_router(receiver_routes(services.events, services.webhook_key, services.user_for, services.audit))
    trail = services.audit

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        name, msg = _field_of(exc)
        return error(400, f"Invalid field '{name}': {msg}.", name)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail))

    @app.exception_handler(_Refused)
    async def _refused(_: Request, exc: _Refused) -> JSONResponse:
        return error(exc.status, exc.reason, exc.field)

    @app.exception_handler(Forbidden)
    async def _forbidden(_: Request, exc: Forbidden) -> JSONResponse:
        return error(403, str(exc))

    @app.exception_handler(NotFound)
    async def _missing(_: Request, exc: NotFound) -> JSONResponse:
        return error(404, "No such record.")

    @app.exception_handler(StaleVersion)
    async def _stale(_: Request, exc: StaleVersion) -> JSONResponse:
        return JSONResponse(
            {
                "error": "Someone saved this record after you opened it; here it is as it is now.",
                "current": exc.current,
            },
            status_code=409,
        )

    async def user(request: Request) -> User:
        # async: a token seen in the last 30 s is answered here, without a trip through the thread pool
        given = request.headers.get("authorization", "")
        if not given.startswith("Bearer ") or len(given) > 200:
            raise _Refused(401, "Sign in: send 'Authorization: Bearer <your token>'.")
        known, found = services.cached_user(given[7:])
        if not known:
            found = await asyncio.to_thread(services.user_for, given[7:])
        if found is None:
            raise _Refused(401, "This token is not known to the server; ask an admin for a new one.")
        return found

    me_type = Annotated[User, Depends(user)]
    dpid_type = Annotated[str | None, Query(max_length=100, pattern=r"^[A-Za-z0-9_.\-]+$")]
    limit_type = Annotated[int, Query(ge=1, le=MAX_LIST)]

    @app.get(
        f"{API}/deals", response_model=DealList, response_model_exclude_unset=True, responses=_ERRORS, tags=["deals"]
    )
    def list_deals(me: me_type, dpid: dpid_type = None, stage: str | None = None, limit: limit_type = 200) -> Any:
        """The deals the caller may see, most recently changed first."""
        if stage is not None and stage not in STAGES:
            raise _Refused(400, f"'stage' must be one of {', '.join(STAGES)}.", "stage")
        found = services.deals.find(me, dpid, stage, limit)
        if found:
            trail.record(me.name, audit.LIST, "deal", dpid or "*", f"{len(found)} deals")
        return {"deals": found}

    @app.post(
        f"{API}/deals",
        response_model=Deal,
        response_model_exclude_unset=True,
        status_code=201,
        responses={**_ERRORS, 200: {"model": Deal, "description": "This id was already stored"}},
        tags=["deals"],
    )
    def create_deal(me: me_type, new: DealCreate) -> Any:
        """Start a deal; it gets the next number of its rooftop (``HD-1042``)."""
        try:
            deal, made = services.deals.create(me, new)
        except ValueError:
            raise _Refused(400, "A deal needs the buyer's first or last name.", "buyer.first_name") from None
        services.feed.notify()
        if made:
            return deal
        return JSONResponse(Deal.model_validate(deal).model_dump(mode="json", exclude_unset=True), status_code=200)

    @app.get(
        f"{API}/deals/{{deal_id}}",
        response_model=Deal,
        response_model_exclude_unset=True,
        responses=_ERRORS,
        tags=["deals"],
    )
    def get_deal(me: me_type, deal_id: str) -> Any:
        """One deal (its people's personal data masked); the view is written to the audit log."""
        deal = services.deals.get(me, deal_id[:36])
        trail.record(me.name, audit.VIEW, "deal", deal["id"], "deal")
        return deal

    @app.put(
        f"{API}/deals/{{deal_id}}",
        response_model=Deal,
        response_model_exclude_unset=True,
        responses={**_ERRORS, 409: {"model": Conflict, "description": "Stale version; the current deal"}},
        tags=["deals"],
    )
    def update_deal(me: me_type, deal_id: str, patch: DealUpdate) -> Any:
        """Change the fields named, at the version they were read at; 409 with the current deal when stale."""
        deal = services.deals.update(me, deal_id[:36], patch)
        services.feed.notify()
        return deal

    @app.get(f"{API}/deals/{{deal_id}}/history", response_model=list[HistoryRow], responses=_ERRORS, tags=["deals"])
    def deal_history(me: me_type, deal_id: str) -> Any:
        """Every change: who, when, old and new (personal data shown as sealed, profit only to finance)."""
        rows = services.deals.history(me, deal_id[:36])
        trail.record(me.name, audit.VIEW, "deal", deal_id[:36], "history")
        return rows

    @app.post(f"{API}/deals/{{deal_id}}/reveal", response_model=Revealed, responses=_ERRORS, tags=["deals"])
    def reveal_deal_field(me: me_type, deal_id: str, ask: Reveal) -> Any:
        """One personal value of the buyer or (``party: co_buyer``) the co-buyer in clear; written to the audit log
        with who and when."""
        trail.flush()  # the desk's earlier views first: the log keeps the order things happened in
        return {"field": ask.field, "value": services.deals.reveal(me, deal_id[:36], ask.field, ask.party)}

    @app.get(f"{API}/customers", response_model=list[Customer], responses=_ERRORS, tags=["customers"])
    def list_customers(
        me: me_type,
        dpid: Annotated[str, Query(min_length=1, max_length=100)],
        q: str | None = None,
        limit: limit_type = 200,
    ) -> Any:
        found = services.register.find(me, dpid, q[:200] if q else None, limit)
        if found:
            trail.record(me.name, audit.LIST, "customer", dpid, f"{len(found)} customers")
        return found

    @app.post(f"{API}/customers", response_model=Customer, status_code=201, responses=_ERRORS, tags=["customers"])
    def create_customer(me: me_type, new: CustomerCreate) -> Any:
        customer = services.register.create(me, new)
        services.feed.notify()
        return customer

    @app.get(f"{API}/customers/{{customer_id}}", response_model=Customer, responses=_ERRORS, tags=["customers"])
    def get_customer(me: me_type, customer_id: str) -> Any:
        customer = services.register.get(me, customer_id[:36])
        trail.record(me.name, audit.VIEW, "customer", customer["id"], "customer")
        return customer

    @app.put(
        f"{API}/customers/{{customer_id}}",
        response_model=Customer,
        responses={**_ERRORS, 409: {"model": CustomerConflict, "description": "Stale version; the current customer"}},
        tags=["customers"],
    )
    def update_customer(me: me_type, customer_id: str, patch: CustomerUpdate) -> Any:
        customer = services.register.update(me, customer_id[:36], patch)
        services.feed.notify()
        return customer

    @app.post(f"{API}/customers/{{customer_id}}/reveal", response_model=Revealed, responses=_ERRORS, tags=["customers"])
    def reveal_customer_field(me: me_type, customer_id: str, ask: Reveal) -> Any:
        trail.flush()
        return {"field": ask.field, "value": services.register.reveal(me, customer_id[:36], ask.field)}

    @app.get(f"{API}/agents", response_model=Roster, responses=_ERRORS, tags=["people"])
    def agents(me: me_type, dpid: dpid_type = None) -> Any:
        """The staff of a rooftop (every rooftop for an admin): who a deal can be handed to."""
        if dpid is not None and not me.works_at(dpid):
            raise Forbidden(f"You are not given rooftop {dpid}.")
        if dpid is None and not me.is_admin:
            raise _Refused(400, "Name the rooftop: ?dpid=...", "dpid")
        return {"people": roster(services.db, dpid)}

    @app.get(f"{API}/me", response_model=StaffMember, responses=_ERRORS, tags=["people"])
    def signed_in(me: me_type) -> Any:
        """Whom the token signs in as: the name the server records as the creator and editor of what they save
        (a desk lists "deals I started" by it; a client cannot claim another)."""
        return {"id": me.id, "name": me.name, "role": me.role, "rooftops": sorted(me.rooftops)}

    @app.get(f"{API}/audit", response_model=Audit, responses=_ERRORS, tags=["audit"])
    def audit_log(
        me: me_type, since: Annotated[int, Query(ge=0, le=2**62)] = 0, limit: Annotated[int, Query(ge=1, le=1000)] = 200
    ) -> Any:
        """Who revealed, viewed, listed or downloaded what, when (admins only); ``intact`` is False when the chain
        was broken."""
        if not me.is_admin:
            raise Forbidden("Only admins read the audit log.")
        trail.flush()
        return {"entries": audit.entries(services.db, since, limit), "intact": audit.verify(services.db).intact}

    @app.get(f"{API}/audit/verify", response_model=AuditCheck, responses=_ERRORS, tags=["audit"])
    def audit_verify(me: me_type) -> Any:
        """Walk the whole hash chain (admins only): the first entry removed, inserted or changed by hand."""
        if not me.is_admin:
            raise Forbidden("Only admins check the audit log.")
        trail.flush()
        check = audit.verify(services.db)
        return {"intact": check.intact, "entries": check.entries, "broken_at": check.broken_at, "reason": check.reason}

    @app.get(f"{API}/changes", response_model=Changes, responses=_ERRORS, tags=["changes"])
    async def changes(
        me: me_type,
        since: Annotated[int, Query(ge=0, le=2**62)] = 0,
        wait: Annotated[float, Query(ge=0, le=services.feed.max_wait, allow_inf_nan=False)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    ) -> Any:
        """Deals and customers changed after cursor ``since``; waits up to ``wait`` seconds for the first one."""
        services.feed.bind(asyncio.get_running_loop())
        found = await services.feed.wait(me, since, limit, wait)
        return {"changes": found, "cursor": str(found[-1]["seq"] if found else since)}

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version, routes=app.routes)
            event, defs = event_schema()
            spec.setdefault("components", {}).setdefault("schemas", {}).update({**defs, "CustomerEvent": event})
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
