"""One document through the stages, each returning new values:

``Document`` (corpus: read) → :class:`~phrasewatch.corpus.describe.Description`
(corpus: metadata) → :class:`~phrasewatch.text.KeyedText` (text: keys) →
:class:`~phrasewatch.match.Matches` (match) → :class:`~phrasewatch.match.AnnotatedMatch`
(match: formula, sentence) → :class:`~phrasewatch.attribution.Attribution` (who speaks,
stance, strength) → table rows (:mod:`phrasewatch.tables`), in a
:class:`DocumentResult`.

A file that cannot be read becomes a result with a reason; the scan goes on.
"""

from __future__ import annotations

__all__ = ["DocumentResult", "DocumentScanner", "failed", "unread_results"]

import copy
import dataclasses
import math
from dataclasses import dataclass, field
from pathlib import Path

from .attribution import attribute, china_voice
from .corpus.describe import Sidecars, describe
from .corpus.join import MetadataJoin
from .corpus.readers import Document, NoTextColumn, failure_reason, read_path
from .corpus.walk import FileEntry, shown
from .duplicates import fingerprint_of_letters
from .errors import PhrasewatchError
from .lexicon import Lexicon
from .match import Matcher, annotate, limit_matches
from .options import ScanOptions
from .tables import DOCUMENT_FIELDS_IN_MATCHES, DOCUMENTS
from .text import KeyedText, Sentences
from .text.tokens import TokenCounter


@dataclass(frozen=True)
class DocumentResult:
    """What one document (or one unreadable file) contributes to a scan: its row of the
    documents table and its rows of the matches table. Later steps (unique ids) make
    new results rather than edit these rows."""

    document: dict
    matches: list[dict] = field(default_factory=list)
    bytes_read: int = 0
    fallback_id: str | None = None  # the id to use if another document has taken its own

    def renamed(self, doc_id: str) -> DocumentResult:
        """The same result under another document id."""
        return dataclasses.replace(self, document={**self.document, "doc_id": doc_id},
                                   matches=[{**row, "doc_id": doc_id} for row in self.matches])


def failed(entry: FileEntry, status: str, reason: str, row: int | None = None) -> DocumentResult:
    """The result of a file (or a table's row) that gave no document: skipped on
    purpose, or an error."""
    record = dict.fromkeys(DOCUMENTS.names)
    record.update({"doc_id": None, "path": shown(entry.path), "row": row, "status": status, "reason": reason,
                   "chars": 0, "tokens": 0, "matches": 0})
    return DocumentResult(record)


def unread_results(entry: FileEntry, sidecars: Sidecars) -> list[DocumentResult] | None:
    """The result of a walked file that is not read (the walk's error, or skipped on
    purpose), without a scanner; None when the file is to be read."""
    if entry.error:
        return [failed(entry, "error", entry.error)]
    if entry.skip and not entry.explicit:
        problem = sidecars.problem_of(entry)  # a sidecar is reported once, on its own row
        return [failed(entry, "error", problem) if problem else failed(entry, "skipped", entry.skip)]
    return None


class DocumentScanner:
    """What every document of one scan shares: the matcher, the token counter, the
    folders' sidecars and the metadata table joined (``joined``). :meth:`scan_entry`
    takes a walked file through the stages."""

    def __init__(self, lexicon: Lexicon, options: ScanOptions | None = None, joined: MetadataJoin | None = None):
        self.options = options if options is not None else ScanOptions()
        self.joined = joined
        self.matcher = Matcher(lexicon, kinds=self.options.kinds)
        self.lexicon = self.matcher.lexicon  # restricted to the kinds scanned
        self.tokens = TokenCounter((key for p, key in self.matcher.keyed if p.language == "zh" and p.regex is None),
                                   chinese=self.options.chinese_tokens)
        self.sidecars = Sidecars()

    def anew(self) -> DocumentScanner:
        """This scanner for another scan: the same matcher and token counter (what the
        lexicon costs to build), the folders' sidecars read again, since they may have
        changed since."""
        fresh = copy.copy(self)
        fresh.sidecars = Sidecars()
        return fresh

    def process(self, entry: FileEntry, doc: Document) -> DocumentResult:
        """One document, read from ``entry``, through the stages."""
        about = describe(entry, doc, self.sidecars, self.joined)
        keyed = KeyedText(doc.text)
        sentences = Sentences(doc.text)  # licences, annotation and attribution read the same sentences
        fields = about.fields
        # short forms that count only where China speaks ask who voices them
        voice = china_voice(doc.text, language=about.language, actor=fields.get("actor"), parties=fields.get("parties"),
                            genre=fields.get("genre"), sentences=sentences)
        found = self.matcher(keyed, voice=voice)
        kept, warnings = limit_matches(list(found), [*doc.warnings, *found.warnings], self.options.max_matches)
        sentences.expect(len(kept))
        annotated = annotate(kept, self.lexicon, doc_id=about.doc_id, source=doc.text, date=about.date, year=about.year,
                             sentences=sentences)
        attributions = attribute(annotated, doc.text, self.lexicon, language=about.language, actor=fields.get("actor"),
                                 parties=fields.get("parties"), genre=fields.get("genre"), sentences=sentences)
        # token counts and fingerprints read the document's words (from the raw text where
        # they can: Chinese text then needs no key but its windows')
        tokens, token_unit = self.tokens.count_text(keyed)
        empty = not doc.text.strip()
        senses = [a.prc_sense for a in attributions if a.prc_sense is not None]
        record = {
            **{k: v for k, v in fields.items() if k not in ("date", "year", "language")},
            "doc_id": about.doc_id,
            "path": shown(entry.path),
            "row": doc.row,
            "status": "skipped" if empty else "ok",
            "reason": "empty document" if empty else None,
            "encoding": doc.encoding,
            "encoding_confidence": doc.encoding_confidence,
            "chars": len(doc.text),
            "tokens": tokens,
            "token_unit": None if empty else token_unit,
            "matches": len(annotated),
            "text_offset": doc.text_offset,
            "warnings": "; ".join([*warnings, *self.sidecars.notes(entry)]) or None,
            **fingerprint_of_letters(keyed.letters()),  # grouped with the other documents' after the scan
            "date": fields["date"], "year": fields["year"], "language": fields["language"],
            "reinterpreted_uses": len(senses),
            "prc_sense_share": round(sum(p >= 0.5 for p in senses) / len(senses), 4) if senses else None,
        }
        document_fields = {c: record.get(c) for c in DOCUMENT_FIELDS_IN_MATCHES}
        rows = [{**vars(match), **vars(attribution), **document_fields, "doc_language": about.language}
                for match, attribution in zip(annotated, attributions, strict=True)]
        return DocumentResult(record, rows, fallback_id=about.fallback_id)

    def process_record(self, index: int, record: dict, text_column: str = "text") -> DocumentResult:
        """One document held in memory (a table row, a bag item): ``record[text_column]``
        is its text, its other fields its metadata (a missing value is no metadata);
        ``index`` numbers it in its input (``doc#N`` unless it has a ``doc_id``)."""
        meta = {k: v for k, v in record.items() if k != text_column and not _missing(v)}
        meta.setdefault("doc_id", f"doc#{index + 1}")
        text = record.get(text_column)
        doc = Document(path=f"<document {index + 1}>", text="" if _missing(text) else str(text), meta=meta, row=index)
        return self.process(FileEntry(Path(doc.path), Path(doc.path), True), doc)

    def scan_entry(self, entry: FileEntry, documents: list[Document] | None = None,
                   read: list | None = None) -> list[DocumentResult]:
        """Everything one walked file gives: its documents, or a result saying why none.

        ``documents``: already read (from a store) instead of reading the file;
        ``read``: a list that receives the documents read.
        """
        unread = unread_results(entry, self.sidecars)
        if unread is not None:
            return unread
        results: list[DocumentResult] = []
        try:
            size = entry.path.stat().st_size
            if size == 0 and documents is None:
                return [failed(entry, "skipped", "empty file")]
            for doc in read_path(entry.path, self.options.read) if documents is None else documents:
                if read is not None:
                    read.append(doc)
                if doc.error is not None:  # a table row that could not be read: reported, the others go on
                    results.append(failed(entry, "error", doc.error, row=doc.row))
                    continue
                result = self.process(entry, doc)
                results.append(dataclasses.replace(result, bytes_read=size if doc.row is None else 0))
            if not results:
                results.append(failed(entry, "skipped", "table with no rows"))
        except NoTextColumn as exc:
            # a data table found in a folder (say, a list of expected results) is not a
            # document; one the user named, or asked a text column of, is an error
            quiet = not entry.explicit and self.options.text_column is None
            results.append(failed(entry, "skipped" if quiet else "error", str(exc)))
        except PhrasewatchError as exc:
            results.append(failed(entry, "error", str(exc)))
        except OSError as exc:
            results.append(failed(entry, "error", f"cannot read: {exc.strerror or exc}"))
        except (ValueError, UnicodeError) as exc:  # malformed tables and the like
            results.append(failed(entry, "error", f"{type(exc).__name__}: {exc}"))
        except Exception as exc:  # noqa: BLE001 - whatever a reader raises (MemoryError too) is this file's error, not the scan's
            results.append(failed(entry, "error", failure_reason(exc)))
        return results


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
