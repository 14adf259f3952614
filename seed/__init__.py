"""Demo data: TOML files in ``seed/demo`` loaded through the services by ``flask seed demo``."""
