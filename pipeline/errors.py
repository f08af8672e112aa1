"""The project's exception types; library errors are re-raised as one of these at stage boundaries."""


class MediamonError(Exception):
    """Base class for every error mediamon raises on purpose."""


class UserError(MediamonError):
    """A mistake the user can fix (bad path, malformed file, bad option): shown as one line."""


class FeedsFileError(UserError):
    """The feeds file (YAML or OPML) is missing or malformed."""


class TaxonomyError(UserError):
    """The taxonomy file is missing or malformed."""


class WarehouseError(UserError):
    """The warehouse file cannot be opened (missing, unreadable, not a DuckDB file)."""


class WarehouseLockedError(WarehouseError):
    """Another process held the DuckDB write lock for longer than we were willing to wait."""


class RunFailedError(MediamonError):
    """The run was recorded as failed (every feed failed, or a batch-level check failed)."""


class BatchValidationError(RunFailedError):
    """A batch-level data-quality check failed: the run stops and nothing is loaded."""

    def __init__(self, message: str, failed: list[str]) -> None:
        super().__init__(message)
        self.failed = failed
