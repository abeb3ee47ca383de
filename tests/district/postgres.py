"""The throwaway PostgreSQL cluster, shared with the benchmarks (bench/postgres.py)."""

from bench.postgres import Cluster, free_port

__all__ = ["Cluster", "free_port"]
