"""Faults the kernel tests inject: a callable that raises the error it was given."""

from __future__ import annotations

from collections.abc import Callable


def explode_with(error: Exception) -> Callable[..., None]:
    """A stand-in for a function of the code under test that fails with `error`."""

    def explode(*args: object, **kwargs: object) -> None:
        raise error

    return explode
