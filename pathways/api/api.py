from ninja import NinjaAPI

api = NinjaAPI(title="Pathways API", version="1", urls_namespace="api")
