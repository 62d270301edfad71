"""A persistent store for scans (SQLite, standard library): the text read from each
file, and each file's results per lexicon version and options.

- A scan interrupted (Ctrl-C, SIGKILL) resumes where it stopped: files whose results
  are stored are not read again, and results are keyed by path so none counts twice.
- After a lexicon edit, stored text is matched again without reading the files, and
  only documents where a changed formula occurs (before or after the edit) are
  processed again; the others keep their results (:mod:`.rematch`).
- The scanning process answers what it can in bulk, without hashing a file whose stat
  signature is unchanged or waking a worker (:mod:`.plan`).

Only the scanning process writes (one transaction per batch, WAL journal); worker
processes open it read-only.
"""

from .db import FileKey, Store, StoreError, config_key
from .plan import StoreRouter
from .rematch import StoredScanner, StoreKeys, ToStore, formula_hashes

__all__ = ["FileKey", "Store", "StoreError", "StoreKeys", "StoreRouter", "StoredScanner", "ToStore", "config_key",
           "formula_hashes"]
