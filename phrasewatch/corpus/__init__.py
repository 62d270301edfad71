"""Corpus: walk folders, read files into documents, gather their metadata."""

from .header import metadata_from_text, metadata_from_title
from .metadata import METADATA_FIELDS, metadata_from_filename, parse_date, read_sidecar, un_symbol_metadata
from .readers import READERS, Document, ReadOptions, read_path, split_front_matter
from .walk import FileEntry, shown, walk

__all__ = [
    "METADATA_FIELDS",
    "READERS",
    "Document",
    "FileEntry",
    "ReadOptions",
    "metadata_from_filename",
    "metadata_from_text",
    "metadata_from_title",
    "parse_date",
    "read_path",
    "read_sidecar",
    "shown",
    "split_front_matter",
    "un_symbol_metadata",
    "walk",
]
