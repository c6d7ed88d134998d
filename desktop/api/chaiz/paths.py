"""THE path table of the Chaiz partner API (public, from the Chaiz integration guides)."""

from __future__ import annotations

PREFIX = "/api/v2/Partners"
VEHICLE_REGISTRATION = PREFIX + "/VehicleRegistration"
CLEAN_VEHICLE_CACHE = PREFIX + "/VehicleRegistration/CleanVehicleCache"
PLANS_SEARCH_VIN = PREFIX + "/PlansSearchAsync/VIN"
START_PRICE = PREFIX + "/PlansSearchAsync/GetStartPrice"
PLANS_WITH_USER_INFO = PREFIX + "/PlansSearchWithUserInfo/Vin"

UAT_BASE_URL = "https://chaiz-api-uat.azurewebsites.net"
PRODUCTION_BASE_URL = "https://chaiz-api.azurewebsites.net"
