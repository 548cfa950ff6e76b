"""The API's routers, one per resource, in the order their routes are listed in
the OpenAPI document (see pathways/api/api.py)."""
