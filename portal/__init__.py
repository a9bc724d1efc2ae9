"""The feedback portal: create_app binds configuration, extensions and blueprints."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from portal.config import load_config
from portal.core.paths import PROJECT_ROOT

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: dict | None = None) -> Flask:
    # Flask is loaded when an app is built, not when the package is: `portal check-wording`
    # imports this package and must start fast.
    from flask import Flask

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


def main() -> None:
    """The `portal` command. `check-wording` answers without building the app: it must stay fast."""
    if sys.argv[1:2] == ["check-wording"]:
        # Imported here, like the app's commands below: each path loads only what it runs.
        from portal.wording.cli import check_wording_command

        check_wording_command.main(sys.argv[2:], prog_name="portal check-wording")
    from portal.cli import main as portal_main

    portal_main()
