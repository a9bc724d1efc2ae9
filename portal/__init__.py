"""The feedback portal: create_app binds configuration, extensions and blueprints."""

from __future__ import annotations

from flask import Flask

from portal.config import load_config
from portal.core.paths import PROJECT_ROOT


def create_app(config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    app.config.update(load_config(app.instance_path, config))

    from portal import wiring

    wiring.init_extensions(app)
    wiring.register_blueprints(app)
    return app
