"""The reference district platform server: the store served over HTTP to many kiosks.
`app.py` builds the FastAPI application, `auth.py` finds the kiosk behind a token,
`errors.py` turns refusals and failures into JSON answers, `limits.py` caps request bodies,
`serve.py` runs it with uvicorn."""
