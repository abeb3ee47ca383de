"""Fixtures of the district's tests: a PostgreSQL cluster for the session (started only when
a test asks for it), a fresh database per test, the district's clock, and the homes."""

from __future__ import annotations

import pytest

from tests.district.homes import HOMES, Clock, Home
from tests.district.postgres import Cluster


@pytest.fixture(scope="session")
def postgres_cluster():
    try:
        cluster = Cluster()
        cluster.start()
    except RuntimeError as err:
        pytest.fail(str(err), pytrace=False)
    yield cluster
    cluster.stop()


@pytest.fixture
def postgres_url(postgres_cluster):
    """A new empty database on the cluster, dropped after the test."""
    name = postgres_cluster.create_database()
    yield postgres_cluster.url(name)
    postgres_cluster.drop_database(name)


@pytest.fixture
def utc_clock() -> Clock:
    return Clock()


@pytest.fixture(params=sorted(HOMES))
def home(request, utc_clock) -> Home:
    """The platform in each of its homes, with the demo data, on the test's clock."""
    with HOMES[request.param](request, utc_clock) as made:
        yield made


@pytest.fixture
def store_url(request, tmp_path):
    """A URL for a store on each engine (parametrise with indirect=True)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return request.getfixturevalue("postgres_url")
