"""The desktop's side of the team server: a shared DealStore with an offline outbox, and the change follower."""

from desktop.services.team.follower import ChangeFollower
from desktop.services.team.store import RemoteDealStore, check_connection, is_unreachable

__all__ = ["ChangeFollower", "RemoteDealStore", "check_connection", "is_unreachable"]
