"""Run the reference server with uvicorn, and register kiosks, for `python -m kiosk platform`.
The store is opened (and migrated, and seeded with demo data if asked) once here, so a bad
database is one line before any worker starts; each worker then opens its own."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from district.server.app import DATABASE_ENV, KEYS_ENV


class ServeError(Exception):
    """One line for the operator: the database or address and what to do."""


def serve(database_url: str, *, host: str = "127.0.0.1", port: int = 8470, workers: int = 1,
          demo: bool = False, keys: Path | None = None) -> None:
    """Serve until interrupted; `workers` processes share the port. `keys`: the offline
    codes' keys directory (made there, 0600, on this first start if need be)."""
    import uvicorn
    from uvicorn.config import LOGGING_CONFIG

    open_store(database_url, demo=demo).close()
    os.environ[DATABASE_ENV] = database_url  # the workers' factory reads it
    if keys is not None:
        root_public_pem(keys)  # made now, once, before the workers race to make them
        os.environ[KEYS_ENV] = str(keys)
    log_config = copy.deepcopy(LOGGING_CONFIG)
    log_config["loggers"]["district"] = {"handlers": ["default"], "level": "INFO",
                                         "propagate": False}
    uvicorn.run("district.server.app:app_from_environment", factory=True, host=host,
                port=port, workers=workers, log_config=log_config,
                access_log=False,  # paths and queries may carry what a resident typed
                timeout_graceful_shutdown=10)


def add_kiosk(database_url: str, kiosk_id: str, centre_id: str | None) -> str:
    """Register a kiosk (or give it a new token) and return the token, which is not kept."""
    from district.contract import PlatformRefused

    store = open_store(database_url, demo=False)
    try:
        return store.register_kiosk(kiosk_id, centre_id)
    except PlatformRefused as error:
        raise ServeError(f"--centre {centre_id}: {error}") from None
    finally:
        store.close()


def add_operator(database_url: str, name: str, password: str, *, demo: bool) -> None:
    """Add an operator of the fleet page, or give one a new password."""
    from district.contract import PlatformRefused

    store = open_store(database_url, demo=demo)
    try:
        store.add_operator(name, password)
    except PlatformRefused as error:
        raise ServeError(str(error)) from None
    finally:
        store.close()


def root_public_pem(keys: Path) -> str:
    """The offline codes' root public key (PEM) in `keys`, with both keys made if need be."""
    from district.codes.keys import CodeKeys
    from district.signing import SigningKeyError

    codes = CodeKeys(keys)
    try:
        codes.issuer()
        return codes.root_public_pem()
    except SigningKeyError as error:
        raise ServeError(f"--keys {keys}: {error}") from None


def open_store(database_url: str, *, demo: bool):  # -> district.store.Store
    from district.store import Store

    try:
        return Store.open(database_url, demo=demo)
    except Exception as error:
        cause = " ".join(str(error).split()) or type(error).__name__
        raise ServeError(f"--database {redact(database_url)}: {cause}") from None


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))
