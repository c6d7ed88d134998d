"""Who reads what: the event feed by a user's rooftops, and the desk's sentences for 401 and 403."""

from __future__ import annotations

import httpx
import pytest

from desktop.api import errors
from desktop.api.team_server import TeamServerClient
from tests.server.conftest import WEBHOOK_KEY, Team
from tests.webhooks.events_factory import make_event


def _send(server_url: str, dpid: str, n: int) -> None:
    event = make_event(n)
    event["dealer"] = {"dpid": dpid, "name": dpid}
    answer = httpx.post(
        server_url + "/roadster/events", json=event, headers={"Authorization": f"Bearer {WEBHOOK_KEY}"}, timeout=30
    )
    assert answer.status_code == 200, answer.text


def _dpids(desk_or_client, **params: object) -> list[str]:  # type: ignore[no-untyped-def]
    answer = desk_or_client.get("/events", params=params)
    assert answer.status_code == 200, answer.text
    return [e["dealer"]["dpid"] for e in answer.json()["events"]]


def test_the_event_feed_holds_only_the_rooftops_of_the_users_token(team: Team) -> None:
    for n in range(6):
        _send(team.server.url, "hyundai-demo" if n % 2 else "toyota-demo", n)
    fiona = team.desk("fiona", "finance", ("hyundai-demo",))
    dora = team.desk("dora", "documents")  # given no rooftop: sees none
    judy = team.desk("judy", "agent", ("toyota-demo",))
    admin = team.desk("root", "admin")
    with httpx.Client(base_url=team.server.url, headers={"Authorization": f"Bearer {WEBHOOK_KEY}"}) as roadster:
        assert len(_dpids(roadster)) == 6  # the webhook key: every rooftop, as before

    assert _dpids(fiona) == ["hyundai-demo"] * 3
    assert _dpids(judy) == ["toyota-demo"] * 3
    assert _dpids(dora) == []
    assert sorted(_dpids(admin)) == ["hyundai-demo"] * 3 + ["toyota-demo"] * 3

    first = fiona.get("/events", params={"limit": 2}).json()  # paging stays within the rooftop
    rest = fiona.get("/events", params={"since": first["cursor"]}).json()
    assert [e["dealer"]["dpid"] for e in first["events"] + rest["events"]] == ["hyundai-demo"] * 3
    assert fiona.get("/events", params={"since": rest["cursor"]}).json()["events"] == []


def test_a_403_says_the_user_lacks_the_rooftop_and_a_401_names_the_token(team: Team) -> None:
    judy = team.desk("judy", "agent", ("hyundai-demo",))
    client = TeamServerClient(team.server.url, judy.client.headers["Authorization"][7:])
    stranger = TeamServerClient(team.server.url, "ddt_not-a-token")
    try:
        with pytest.raises(errors.Forbidden) as refused:
            client.deals("toyota-demo")
        said = refused.value.sentence()
        assert "no access to this rooftop or role" in said and "toyota-demo" in said
        assert "key" not in said.lower()
        with pytest.raises(errors.Unauthorized) as unknown:
            stranger.deals("hyundai-demo")
        assert not isinstance(unknown.value, errors.Forbidden) and "token" in unknown.value.sentence()
    finally:
        client.close()
        stranger.close()
