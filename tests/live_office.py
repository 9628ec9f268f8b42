"""A real office service on 127.0.0.1: uvicorn on a free port, in a thread of the test."""

import threading
import time


class ServedApp:
    """uvicorn serving one ASGI app on a free port of 127.0.0.1 until ``stop``."""

    def __init__(self, app) -> None:
        import uvicorn

        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                lifespan="off")
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


class LiveOffice(ServedApp):
    """uvicorn serving ``create_app(engine, reference)`` until the test ends."""

    def __init__(self, engine, reference=None) -> None:
        from desktop_app.office.service import create_app

        self.engine = engine
        super().__init__(create_app(engine, reference))
