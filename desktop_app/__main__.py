"""``python -m desktop_app``: the same entry point as the ``banjar-enroll`` console script."""

from desktop_app.cli.main import main

raise SystemExit(main())
