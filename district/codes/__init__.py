"""Offline codes (离线码): signed QR credentials a kiosk verifies with the network down. The
envelope is the EU Digital COVID Certificate's (a prefix, Base45, zlib, COSE_Sign1 carrying
CWT claims), so one verifier reads both. The format lives here, beside the platform that
issues codes; kiosk/codes/ verifies them. docs/offline-codes.md describes it."""
