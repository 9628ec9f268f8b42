"""A real office service on 127.0.0.1 (uvicorn on a free port, in a thread) and laptops with
their own SQLite files, registered with it."""

import threading
import time
from pathlib import Path

import pytest


class LiveOffice:
    """uvicorn serving ``create_app(engine)`` until the test ends."""

    def __init__(self, engine) -> None:
        import uvicorn

        from desktop_app.office.service import create_app

        self.engine = engine
        config = uvicorn.Config(create_app(engine), host="127.0.0.1", port=0,
                                log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the office service did not start")
            time.sleep(0.01)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live_office(office):
    served = LiveOffice(office)
    yield served
    served.stop()


@pytest.fixture
def make_laptop(tmp_path: Path, live_office):
    """A laptop: its own database, an officer, registered with the live office."""
    from desktop_app.office.devices import add_device
    from desktop_app.store.database import open_database
    from desktop_app.store.device import sign_in_officer
    from desktop_app.sync.run import setup_device

    engines = []

    def make(name: str, *, area: str = "", register: bool = True):
        engine = open_database(tmp_path / name)
        engines.append(engine)
        sign_in_officer(engine, name=name, officer_code=name.upper(), pin="1234")
        if register:
            code = add_device(live_office.engine, officer_name=name, area_code=area)
            setup_device(engine, server_url=live_office.url, code=code)
        return engine

    yield make
    for engine in engines:
        engine.dispose()
