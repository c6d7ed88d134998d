"""THE path table of the Roadster API, relative to the base URL (``https://api.roadster.com/v1``).

Rows marked *reconstructed* in ``shared/reference/api-contract.md`` are our best guess; a partner who learns the
real path changes one line here. The sandbox mounts its routes from this same table.
"""

from __future__ import annotations

DEALERS = "/dealers"  # public
DEALER = "/dealers/{dpid}"  # reconstructed
INVENTORY = "/inventory"  # reconstructed
VEHICLE = "/vehicles/{vin}"  # reconstructed
LINKS = "/links"  # public
CUSTOMERS = "/customers"  # public
CUSTOMER_AGENT = "/customers/{customer_id}/agent"  # reconstructed
EXPRESS = "/express/{vin}"  # public (spec path; the real one is https://express.<dpid>.com/{vin})
TRADEIN_OFFER = "/create_tradein_offer"  # public
PRICING = "/pricing"  # reconstructed
PROTECTION_PLANS = "/service_protection_plans"  # reconstructed
DOCUMENTS = "/customers/{customer_id}/documents"  # reconstructed
DOCUMENT = "/customers/{customer_id}/documents/{doc_id}"  # reconstructed
TEMPLATES = "/dealers/{dpid}/templates"  # reconstructed
TEMPLATE = "/dealers/{dpid}/templates/{template_id}"  # reconstructed
TEMPLATE_FILE = "/dealers/{dpid}/templates/{template_id}/file"  # reconstructed
ORDER_FORMS = "/orders/{order_id}/forms"  # reconstructed

PRODUCTION_BASE_URL = "https://api.roadster.com/v1"
SANDBOX_PREFIX = "/v1"
