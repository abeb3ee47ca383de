"""Offline codes on the kiosk: the lists cached on disk (trust_store.py), the verifier that
needs no network (verifier.py), the root key this kiosk trusts (root_key.py)."""
