"""An httpx transport that delivers requests to the real server and then loses the answer: a timeout after the
server acted, which a fault that stalls before the handler cannot show."""

from __future__ import annotations

import httpx


class LossyTransport(httpx.HTTPTransport):
    def __init__(self, path_suffix: str, lose: int) -> None:
        super().__init__()
        self.path_suffix = path_suffix
        self.lose = lose
        self.delivered = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if request.method == "POST" and request.url.path.endswith(self.path_suffix) and self.lose > 0:
            self.lose -= 1
            self.delivered += 1
            response.read()
            response.close()
            raise httpx.ReadTimeout("answer lost", request=request)
        return response
