"""Services are data (`config/services/*.toml`); this package reads them and runs them."""
