"""strife's REST API and web map (FastAPI).

    create_app(settings=None, store=None) -> FastAPI     see strife.web.app for the routes
    strife serve / strife token                           see strife.web.commands
"""

from .app import create_app

__all__ = ["create_app"]
