def build_home() -> dict:
    return {}
