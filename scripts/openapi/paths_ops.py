"""Operational endpoints (src/app/ops_routes.cpp): health, readiness, Prometheus metrics."""
from spec import obj, string

ORDER = 0  # where this area's tags stand in docs/openapi.json


def add(api):
    api.tag("Operations", "Health, readiness and metrics for load balancers and monitoring.")
    api.op("GET", "/healthz", tag="Operations", summary="Liveness: the process answers", permission="open",
           responses={200: obj({"status": string(enum=["ok"])}, ["status"], additional=None)})
    api.op("GET", "/readyz", tag="Operations", summary="Readiness: the database is open and migrations are current",
           permission="open",
           responses={200: obj({"status": string(enum=["ready"])}, ["status"], additional=None),
                      503: ("Not ready (migrations pending or the database is unavailable)",
                            obj({"status": string(enum=["not_ready"])}, ["status"], additional=None))})
    api.op("GET", "/metrics", tag="Operations", summary="Prometheus metrics (text exposition format 0.0.4)",
           permission="open",
           responses={200: ("Metrics", string(), "text/plain; version=0.0.4")})
