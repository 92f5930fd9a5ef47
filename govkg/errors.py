"""Exceptions govkg raises; the CLI turns each into one line and an exit code."""


class GovkgError(Exception):
    """Base class: a problem the user can act on. ``str(e)`` is the one line shown."""

    exit_code = 1


class InputError(GovkgError):
    """An input file cannot be read as Chinese news text (names the file)."""

    exit_code = 2


class InputNote(GovkgError):
    """Input left out on purpose (a folder's README, files of other kinds): said, not a failure."""

    exit_code = 0


class ModelNotFound(GovkgError):
    """A resource (pkuseg model, lexicon) is missing; the message says how to install it."""

    exit_code = 3


class SnapshotError(GovkgError):
    """A snapshot directory is missing, incomplete or of an unknown version."""

    exit_code = 4


class Neo4jUnavailable(GovkgError):
    """Neo4j cannot be reached or refused the credentials (names the URI, says how to start one)."""

    exit_code = 5


class QueryError(GovkgError):
    """Neo4j rejected a Cypher statement; the message is Neo4j's own text."""

    exit_code = 6


class ServerError(GovkgError):
    """The local Neo4j server (govkg neo4j start/stop) cannot be built, started or stopped."""

    exit_code = 7


class ExtractionError(GovkgError):
    """One article could not be extracted (over its size or time budget, or a failure inside the
    rules); it is left out, the rest of its file and the other files go on. Names the article."""

    exit_code = 2

    def __init__(self, message: str, *, article_id=None, skipped: bool = True):
        super().__init__(message)
        self.article_id = article_id
        self.skipped = skipped


class ClusterError(GovkgError):
    """A Dask scheduler cannot be reached or its workers cannot run govkg (names the address)."""

    exit_code = 8


class PersonNotFound(GovkgError):
    """``govkg person``: no person of that name (in that locality) in the graph."""

    exit_code = 9


class AmbiguousPerson(GovkgError):
    """``govkg person``: the name is several resolved people; the message lists them and asks for
    ``--locality`` (or a person id)."""

    exit_code = 10
