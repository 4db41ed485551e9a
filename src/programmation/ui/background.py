"""Long work off the UI thread: a worker moved to its own QThread.

The job is a plain callable that does its own work (its own database
connections or units of work); it never touches a widget. Its result or its
error comes back as a signal, delivered in the thread that created the
``BackgroundJob`` — the UI thread — where widgets may be updated.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

_RUNNING: set[BackgroundJob] = set()


class _Worker(QObject):
    succeeded = Signal(object)
    failed = Signal(str)
    progressed = Signal(int, int)

    def __init__(self, job: Callable[..., object], reports_progress: bool) -> None:
        super().__init__()
        self._job = job
        self._reports_progress = reports_progress

    def _report(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)  # queued to the UI thread

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(self._report) if self._reports_progress else self._job()
        except Exception as exc:  # reported to the user, in French, by the caller
            self.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.succeeded.emit(result)
        finally:
            # Hand the worker back to the UI thread, so it is deleted there.
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())
            QThread.currentThread().quit()


class BackgroundJob(QObject):
    """``job = BackgroundJob(fn); job.succeeded.connect(...); job.start()``.

    ``succeeded(result)`` or ``failed(message)`` arrives first, then ``finished``.
    With ``reports_progress``, the job is called with a ``report(done, total)``
    function whose calls arrive as ``progressed(done, total)``. Running jobs are
    kept alive until they end.
    """

    succeeded = Signal(object)
    failed = Signal(str)
    progressed = Signal(int, int)
    finished = Signal()

    def __init__(self, job: Callable[..., object], name: str = "", *,
                 reports_progress: bool = False) -> None:
        super().__init__()
        self.name = name
        self._thread = QThread()
        self._thread.setObjectName(name or "travail")
        self._worker = _Worker(job, reports_progress)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.succeeded.connect(self.succeeded)
        self._worker.failed.connect(self.failed)
        self._worker.progressed.connect(self.progressed)
        self._thread.finished.connect(self._on_thread_finished)

    def start(self) -> None:
        _RUNNING.add(self)
        self._thread.start()

    def is_running(self) -> bool:
        return self in _RUNNING

    def wait(self, milliseconds: int = 30_000) -> bool:
        return self._thread.wait(milliseconds)

    @Slot()
    def _on_thread_finished(self) -> None:
        self._thread.wait()  # « finished » is emitted just before the thread really ends
        self.finished.emit()
        QTimer.singleShot(0, lambda: _RUNNING.discard(self))


def wait_all(milliseconds: int = 60_000) -> None:
    """Let running jobs end (at quit: a backup must not be cut in the middle)."""
    for job in list(_RUNNING):
        job.wait(milliseconds)
