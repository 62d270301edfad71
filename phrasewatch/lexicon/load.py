"""Load lexicon files (YAML), validate them and compile their forms into patterns.

Every problem is collected with its file, line and entry id before anything is raised,
so a lexicon maintainer sees all of them at once.
"""

from __future__ import annotations

__all__ = ["load_lexicon", "assemble_lexicon", "read_lexicon", "bundled_lexicons", "resolve_lexicon_path"]

import hashlib
import re
from pathlib import Path

import regex
import yaml

from .. import resources
from ..errors import LexiconError, LexiconProblem
from .model import (
    DISTINCTIVENESS_WEIGHTS,
    KINDS,
    LICENCES,
    ORIGINS,
    PRC_ORIGIN,
    FirstUse,
    Formula,
    Lexicon,
    Origin,
    Pattern,
    Rendering,
    ShortForm,
    dated_before,
)
from .notation import REGEX_PREFIX, NotationError, expand, is_regex, split_gaps
from .safeyaml import load_bounded, paused_gc

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ENTRY_KEYS = {
    "id", "kind", "category", "distinctiveness", "weight", "parent", "opposes",
    "first_used", "origin", "measured_distinctiveness", "zh", "en", "context", "notes", "sources", "examples",
}
_ORIGIN_KEYS = {"coined_by", "prc_since", "source"}
_ZH_KEYS = {"canonical", "variants", "blockers", "short_forms"}
_EN_KEYS = {"renderings", "variants", "acronyms", "blockers", "short_forms"}
_EXAMPLE_KEYS = {"text", "actor", "parties", "genre"}
_HAN = regex.compile(r"\p{Han}")
PLACEHOLDER = "TODO"  # what lexicon import writes where its source says nothing


class _LocatedDict(dict):
    """A mapping that remembers the line of each key (1-based)."""

    line: int | None = None
    key_lines: dict


_STR, _SEQ, _MAP, _MERGE = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map", "merge"))


# libyaml's parser where PyYAML has it: five times faster, and its nodes carry the
# same line marks
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    def construct_document(self, node):
        """What PyYAML constructs, with the common nodes (strings, plain lists and
        mappings) built here directly: PyYAML's general machinery took most of the
        time of loading a 50,000-entry lexicon."""
        return _build(self, node, {})


def _build(loader, node, memo: dict):
    kind = type(node)
    if kind is yaml.ScalarNode:
        return node.value if node.tag == _STR else loader.construct_object(node)
    key = id(node)
    if key in memo:  # an alias: the same object, as PyYAML gives it
        return memo[key]
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        items = memo[key] = []
        items.extend(_build(loader, child, memo) for child in node.value)
        return items
    if kind is yaml.MappingNode and node.tag == _MAP and not any(k.tag == _MERGE for k, _ in node.value):
        mapping = memo[key] = _LocatedDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            name = _build(loader, key_node, memo)
            try:
                hash(name)
            except TypeError:
                raise yaml.constructor.ConstructorError("while constructing a mapping", node.start_mark,
                                                        "found unhashable key", key_node.start_mark) from None
            mapping[name] = _build(loader, value_node, memo)
            if type(key_node) is yaml.ScalarNode:
                mapping.key_lines[key_node.value] = key_node.start_mark.line + 1
        return mapping
    return loader.construct_object(node, deep=True)  # merge keys, sets, binary …


def _construct_mapping(loader, node, deep=False):
    mapping = _LocatedDict(yaml.SafeLoader.construct_mapping(loader, node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {
        key_node.value: key_node.start_mark.line + 1
        for key_node, _ in node.value
        if isinstance(key_node, yaml.ScalarNode)
    }
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay strings: "2021-09" and "2021-09-21" are both valid first_used values.
_LineLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def bundled_lexicons() -> list[str]:
    """Names of the lexicons shipped with phrasewatch."""
    return sorted(p.stem for p in resources.lexicon_dir().glob("*.yaml") if not p.stem.startswith("_"))


def resolve_lexicon_path(name_or_path: str | Path) -> Path:
    """A bundled lexicon name (``"ccdm"``) or a path to a YAML file."""
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return path
    bundled = resources.lexicon_dir() / f"{name_or_path}.yaml"
    if bundled.exists():
        return bundled
    raise LexiconError([
        LexiconProblem(str(name_or_path), None, None,
                       f"no such lexicon file, and no bundled lexicon of that name "
                       f"(bundled: {', '.join(bundled_lexicons()) or 'none'})")
    ])


def _shown(value, most: int = 80) -> str:
    """A value for a message, cut short: a problem line must not carry a whole
    (perhaps enormous) structure to the terminal."""
    text = repr(value)
    return text if len(text) <= most else f"{text[:most]}… ({len(text):,} characters)"


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


class _Reader:
    """Turns the YAML of one file into Formula records, collecting problems."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[LexiconProblem] = []

    def problem(self, line, entry, message, severity="error"):
        self.problems.append(LexiconProblem(self.file, line, entry, message, severity))

    def line_of(self, mapping, key=None):
        if not isinstance(mapping, _LocatedDict):
            return None
        if key is not None and key in mapping.key_lines:
            return mapping.key_lines[key]
        return mapping.line

    def strings(self, mapping, key, entry, *, required=False) -> tuple[str, ...]:
        value = mapping.get(key) if isinstance(mapping, dict) else None
        items = _as_list(value)
        if required and not items:
            self.problem(self.line_of(mapping, key), entry, f"'{key}' is required")
        out = []
        for item in items:
            if not isinstance(item, str) or not item.strip():
                self.problem(self.line_of(mapping, key), entry, f"'{key}' must hold non-empty strings, found {_shown(item)}")
            else:
                out.append(item.strip())
        return tuple(out)

    def short_forms(self, mapping, entry) -> tuple[ShortForm, ...]:
        """``short_forms``: strings (licence "after") or mappings with ``form`` and
        ``licence``."""
        out = []
        for item in _as_list(mapping.get("short_forms") if isinstance(mapping, dict) else None):
            if isinstance(item, str):
                item = {"form": item}
            form = item.get("form") if isinstance(item, dict) else None
            licence = item.get("licence", "after") if isinstance(item, dict) else None
            if not isinstance(form, str) or not form.strip():
                self.problem(self.line_of(mapping, "short_forms"), entry, f"a short form needs 'form', found {item!r}")
                continue
            if licence not in LICENCES:
                self.problem(self.line_of(item) or self.line_of(mapping, "short_forms"), entry,
                             f"short form {form!r}: 'licence' must be one of {', '.join(repr(x) for x in LICENCES)}, found {licence!r}")
                continue
            for key in item:
                if key not in ("form", "licence"):
                    self.problem(self.line_of(item), entry, f"unknown field '{key}' in short form {form!r}", "warning")
            out.append(ShortForm(form.strip(), licence))
        return tuple(out)

    def examples(self, block, lang, entry) -> tuple:
        """Example sentences: strings, or mappings with ``text`` and the metadata the
        sentence is read with (``actor``, ``parties``, ``genre``)."""
        out = []
        for item in _as_list(block.get(lang) if isinstance(block, dict) else None):
            if isinstance(item, dict):
                unknown = set(item) - _EXAMPLE_KEYS
                if not isinstance(item.get("text"), str) or not item["text"].strip() or unknown:
                    self.problem(self.line_of(item) or self.line_of(block, lang), entry,
                                 f"an example is a sentence, or a mapping with 'text' and any of actor, parties, genre; found {dict(item)!r}")
                    continue
                out.append({k: (v.strip() if k == "text" else str(v)) for k, v in item.items()})
            elif isinstance(item, str) and item.strip():
                out.append(item.strip())
            else:
                self.problem(self.line_of(block, lang), entry, f"'{lang}' examples must be sentences, found {item!r}")
        return tuple(out)

    def safe_entry(self, raw) -> Formula | None:
        """``entry``, with any value it did not foresee a problem of that entry rather
        than a traceback for the whole load."""
        try:
            return self.entry(raw)
        except Exception as exc:  # noqa: BLE001 - reported, with where it is
            fid = raw.get("id") if isinstance(raw, dict) else None
            self.problem(self.line_of(raw), fid if isinstance(fid, str) and len(fid) <= 80 else None,
                         f"cannot read this entry ({type(exc).__name__}: {_shown(str(exc))})")
            return None

    def placeholders(self, raw: dict, fid: str) -> set[str]:
        """Fields still holding a TODO placeholder (``lexicon import`` writes them for
        what its source does not say): each an error until filled in."""
        found: set[str] = set()

        def walk(value, trail: str, mapping, key):
            if isinstance(value, dict):
                for k, v in value.items():
                    if not trail and k in ("notes", "sources"):
                        continue  # free text may say TODO to a colleague
                    walk(v, f"{trail}.{k}" if trail else str(k), value, k)
            elif isinstance(value, list):
                for item in value:
                    walk(item, trail, mapping, key)
            elif isinstance(value, str) and value.strip().startswith(PLACEHOLDER):
                if trail not in found:
                    found.add(trail)
                    self.problem(self.line_of(mapping, key), fid, f"'{trail}' is a placeholder to fill in: {value!r}")

        walk(raw, "", raw, None)
        return found

    def entry(self, raw) -> Formula | None:
        if not isinstance(raw, dict):
            self.problem(None, None, f"each formula must be a mapping, found {type(raw).__name__}")
            return None
        line = self.line_of(raw)
        fid = raw.get("id")
        if not isinstance(fid, str) or not _ID.match(fid):
            self.problem(self.line_of(raw, "id"), fid if isinstance(fid, str) else None,
                         f"'id' must be snake_case (a-z, 0-9, _), found {_shown(fid)}")
            fid = fid if isinstance(fid, str) and len(fid) <= 80 else f"<entry at line {line}>"
        for key in raw:
            if key not in _ENTRY_KEYS:
                self.problem(self.line_of(raw, key), fid, f"unknown field '{key}' (known: {', '.join(sorted(_ENTRY_KEYS))})", "warning")
        placeholders = self.placeholders(raw, fid)

        kind = raw.get("kind", "formula")
        if kind not in KINDS:
            self.problem(self.line_of(raw, "kind"), fid, f"'kind' must be one of {', '.join(KINDS)}, found {_shown(kind)}")
        category = raw.get("category")
        if not isinstance(category, str) or not category.strip():
            self.problem(self.line_of(raw, "category"), fid, "'category' is required")
            category = ""
        distinct = raw.get("distinctiveness")
        if (not isinstance(distinct, str) or distinct not in DISTINCTIVENESS_WEIGHTS) and "distinctiveness" not in placeholders:
            self.problem(self.line_of(raw, "distinctiveness"), fid,
                         f"'distinctiveness' must be one of {', '.join(DISTINCTIVENESS_WEIGHTS)}, found {_shown(distinct)}")
            distinct = "generic"
        weight = raw.get("weight")
        if weight is not None and (not isinstance(weight, (int, float)) or isinstance(weight, bool) or weight < 0):
            self.problem(self.line_of(raw, "weight"), fid, f"'weight' must be a non-negative number, found {_shown(weight)}")
            weight = None
        parent = raw.get("parent")
        if parent is not None and not isinstance(parent, str):
            self.problem(self.line_of(raw, "parent"), fid, f"'parent' must be a formula id, found {_shown(parent)}")
            parent = None
        opposes = raw.get("opposes", False)
        if not isinstance(opposes, bool):
            self.problem(self.line_of(raw, "opposes"), fid, f"'opposes' must be true or false, found {_shown(opposes)}")
            opposes = False

        first_used = None
        fu = raw.get("first_used")
        if fu is not None:
            if isinstance(fu, (str, int)):
                fu = {"date": str(fu)}
            if not isinstance(fu, dict) or not _DATE.match(str(fu.get("date", ""))):
                self.problem(self.line_of(raw, "first_used"), fid,
                             "'first_used' needs a date as YYYY, YYYY-MM or YYYY-MM-DD (and optionally a source)")
            else:
                first_used = FirstUse(str(fu["date"]), fu.get("source"))
                try:
                    _ = first_used.earliest  # "2021-02-30" parses as text, not as a date
                except ValueError as exc:
                    self.problem(self.line_of(raw, "first_used"), fid, f"'first_used' date is not a real date: {exc}")
                    first_used = None

        origin = self.origin(raw, fid, first_used)
        measured = raw.get("measured_distinctiveness")
        if measured is not None:
            if measured not in DISTINCTIVENESS_WEIGHTS:
                self.problem(self.line_of(raw, "measured_distinctiveness"), fid,
                             f"'measured_distinctiveness' must be one of {', '.join(DISTINCTIVENESS_WEIGHTS)}, found {measured!r}")
                measured = None
            elif measured == distinct:
                self.problem(self.line_of(raw, "measured_distinctiveness"), fid,
                             "'measured_distinctiveness' equals 'distinctiveness': it is only for a measured class that "
                             "differs from the declared one", "warning")
            elif not isinstance(raw.get("notes"), str) or not raw["notes"].strip():
                self.problem(self.line_of(raw, "measured_distinctiveness"), fid,
                             "'measured_distinctiveness' differs from 'distinctiveness': say why in 'notes'")

        zh = raw.get("zh") or {}
        en = raw.get("en") or {}
        if not isinstance(zh, dict):
            self.problem(self.line_of(raw, "zh"), fid, "'zh' must be a mapping with 'canonical' and 'variants'")
            zh = {}
        if not isinstance(en, dict):
            self.problem(self.line_of(raw, "en"), fid, "'en' must be a mapping with 'renderings' and 'variants'")
            en = {}
        for key in zh:
            if key not in _ZH_KEYS:
                self.problem(self.line_of(zh, key), fid, f"unknown field 'zh.{key}'", "warning")
        for key in en:
            if key not in _EN_KEYS:
                self.problem(self.line_of(en, key), fid, f"unknown field 'en.{key}'", "warning")
        canonical = zh.get("canonical")
        if (not isinstance(canonical, str) or not _HAN.search(canonical or "")) and "zh.canonical" not in placeholders:
            self.problem(self.line_of(zh, "canonical") or self.line_of(raw, "zh") or line, fid,
                         "every formula needs Chinese: 'zh.canonical' with Chinese characters")
            canonical = canonical if isinstance(canonical, str) else ""
        renderings = []
        for item in _as_list(en.get("renderings")):
            if isinstance(item, str):
                item = {"text": item}
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                self.problem(self.line_of(en, "renderings"), fid, f"a rendering needs 'text', found {_shown(item)}")
                continue
            years = item.get("years")
            renderings.append(Rendering(item["text"].strip(), None if years is None else str(years), item.get("source")))
        en_variants = self.strings(en, "variants", fid)
        if not renderings and not en_variants:
            self.problem(self.line_of(raw, "en") or line, fid, "every formula needs English: 'en.renderings' or 'en.variants'")
        acronyms = self.strings(en, "acronyms", fid)
        for acro in acronyms:
            if not re.fullmatch(r"[A-Z][A-Z&]{1,9}", acro):
                self.problem(self.line_of(en, "acronyms"), fid, f"acronym {_shown(acro)} must be 2-10 capital letters")

        context = raw.get("context") or {}
        if not isinstance(context, dict):
            self.problem(self.line_of(raw, "context"), fid, "'context' must map en/zh to lists of cue words")
            context = {}
        if kind == "reinterpreted" and not any(context.get(lang) for lang in ("en", "zh")):
            self.problem(self.line_of(raw) , fid, "a reinterpreted word needs 'context' cues (en and zh) that mark the PRC sense")

        examples = raw.get("examples") or {}
        parsed_examples = {}
        if not isinstance(examples, dict):
            self.problem(self.line_of(raw, "examples"), fid, "'examples' must have 'match' and 'no_match'")
            examples = {}
        for expectation in ("match", "no_match"):
            block = examples.get(expectation) or {}
            if not isinstance(block, dict):
                self.problem(self.line_of(examples, expectation), fid, f"'examples.{expectation}' must map en/zh to sentences")
                block = {}
            parsed_examples[expectation] = {
                lang: self.examples(block, lang, fid) for lang in ("en", "zh")
            }
        for lang in ("en", "zh"):
            if not parsed_examples["match"][lang]:
                self.problem(self.line_of(examples) or line, fid, f"no 'examples.match.{lang}': every formula needs a sentence that must match, in each language")

        notes = raw.get("notes")
        return Formula(
            id=fid,
            kind=kind if kind in KINDS else "formula",
            category=category.strip(),
            distinctiveness=distinct,
            zh_canonical=canonical.strip(),
            weight=weight,
            parent=parent,
            opposes=opposes,
            first_used=first_used,
            origin=origin,
            measured_distinctiveness=measured,
            zh_variants=self.strings(zh, "variants", fid),
            zh_blockers=self.strings(zh, "blockers", fid),
            en_renderings=tuple(renderings),
            en_variants=en_variants,
            en_acronyms=acronyms,
            en_blockers=self.strings(en, "blockers", fid),
            zh_short_forms=self.short_forms(zh, fid),
            en_short_forms=self.short_forms(en, fid),
            context={k: tuple(_as_list(v)) for k, v in context.items()},
            notes=notes if isinstance(notes, str) else None,
            sources=tuple(str(s) for s in _as_list(raw.get("sources"))),
            examples=parsed_examples,
            file=self.file,
            line=line,
        )


    def origin(self, raw: dict, fid: str, first_used: FirstUse | None) -> Origin:
        """The entry's ``origin``: a mapping (coined_by, prc_since, source) or just the
        coiner's name; a PRC coinage when absent."""
        value = raw.get("origin")
        if value is None:
            return PRC_ORIGIN
        line = self.line_of(raw, "origin")
        if isinstance(value, str):
            value = {"coined_by": value}
        if not isinstance(value, dict):
            self.problem(line, fid, f"'origin' must be a mapping with 'coined_by' (and 'prc_since', 'source'), found {value!r}")
            return PRC_ORIGIN
        for key in value:
            if key not in _ORIGIN_KEYS:
                self.problem(self.line_of(value, key) or line, fid,
                             f"unknown field 'origin.{key}' (known: {', '.join(sorted(_ORIGIN_KEYS))})", "warning")
        coined_by = value.get("coined_by")
        if coined_by not in ORIGINS:
            self.problem(self.line_of(value, "coined_by") or line, fid,
                         f"'origin.coined_by' must be one of {', '.join(ORIGINS)}, found {coined_by!r}")
            return PRC_ORIGIN
        since = value.get("prc_since")
        if since is not None:
            since_line = self.line_of(value, "prc_since") or line
            since = str(since)
            if not _DATE.match(since):
                self.problem(since_line, fid, f"'origin.prc_since' needs a date as YYYY, YYYY-MM or YYYY-MM-DD, found {since!r}")
                since = None
            else:
                try:
                    FirstUse(since).earliest  # noqa: B018 - raises for a date that does not exist
                except ValueError as exc:
                    self.problem(since_line, fid, f"'origin.prc_since' is not a real date: {exc}")
                    since = None
            if since is not None and coined_by == "prc":
                self.problem(since_line, fid, "'origin.prc_since' is for borrowed formulae: a PRC coinage is China's "
                             "from its first use (first_used)", "warning")
                since = None
            # China cannot have made a formula its own before it first used it
            if since is not None and first_used is not None and dated_before(
                    first_used.date, FirstUse(since).earliest if len(since) > 4 else None, int(since[:4])):
                self.problem(since_line, fid, f"'origin.prc_since' ({since}) is before 'first_used' ({first_used.date})")
        source = value.get("source")
        if source is not None and not isinstance(source, str):
            self.problem(self.line_of(value, "source") or line, fid, f"'origin.source' must be text, found {source!r}")
            source = None
        if coined_by != "prc" and source is None:
            self.problem(line, fid, "a borrowed formula needs 'origin.source': where its wording comes from", "warning")
        return Origin(coined_by, since, source)


def read_lexicon(path: str | Path) -> tuple[dict, list[Formula], list[LexiconProblem]]:
    """Parse one lexicon file: its header, its formulae and every problem found."""
    path = Path(path)
    file = str(path)
    reader = _Reader(file)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reader.problem(None, None, f"cannot read lexicon: {exc}")
        return {}, [], reader.problems
    try:
        data = load_bounded(text, _LineLoader)  # a SafeLoader subclass; aliases and depth bounded
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reader.problem(mark.line + 1 if mark else None, None, f"not valid YAML: {getattr(exc, 'problem', exc)}")
        return {}, [], reader.problems
    if isinstance(data, list):  # a bare list of entries is accepted
        header, entries = {"lexicon": path.stem}, data
    elif isinstance(data, dict) and isinstance(data.get("formulae"), list):
        header, entries = {k: v for k, v in data.items() if k != "formulae"}, data["formulae"]
    else:
        reader.problem(1, None, "a lexicon is a mapping with a 'formulae' list (see lexicons/README.md)")
        return {}, [], reader.problems
    formulae = [f for f in map(reader.safe_entry, entries) if f is not None]
    return header, formulae, reader.problems


def _compile(formula: Formula, problems: list[LexiconProblem]) -> list[Pattern]:
    patterns: list[Pattern] = []
    for language in ("en", "zh"):
        groups = [(form, False, None) for form in formula.forms(language)]
        groups += [(short.form, False, short.licence) for short in formula.short_forms(language)]
        groups += [(form, True, None) for form in formula.blockers(language)]
        for form, blocker, licence in groups:
            where = (formula.file or "<lexicon>", formula.line, formula.id)
            if is_regex(form):
                source = form[len(REGEX_PREFIX):]
                try:
                    compiled = regex.compile(source, regex.V0)
                except regex.error as exc:
                    problems.append(LexiconProblem(*where, f"{language} form {form!r} is not a valid regular expression: {exc}"))
                    continue
                if compiled.search("") is not None:
                    problems.append(LexiconProblem(*where, f"{language} form {form!r} matches the empty string"))
                    continue
                patterns.append(Pattern(formula.id, language, form, source, blocker, compiled, licence))
                continue
            try:
                phrases = expand(form)
            except NotationError as exc:
                problems.append(LexiconProblem(*where, f"{language} form {form!r}: {exc}"))
                continue
            for phrase in phrases:
                if language == "zh" and not _HAN.search(phrase):
                    problems.append(LexiconProblem(*where, f"zh form {phrase!r} has no Chinese characters"))
                if language == "en" and _HAN.search(phrase):
                    problems.append(LexiconProblem(*where, f"en form {phrase!r} has Chinese characters"))
                segments, gaps = split_gaps(phrase)
                if gaps and (language != "en" or blocker):
                    # Chinese has no spaces to count words by; a blocker silences a fixed phrase
                    problems.append(LexiconProblem(*where, f"{language} {'blocker' if blocker else 'form'} {form!r}: gaps are for English forms only"))
                    continue
                if gaps and any(not (s.strip()[:1].isalnum() and s.strip()[-1:].isalnum()) for s in segments):
                    problems.append(LexiconProblem(*where, f"en form {form!r}: the words beside a gap must start and end with a letter or digit"))
                    continue
                patterns.append(Pattern(formula.id, language, form, phrase, blocker, None, licence, tuple(gaps)))
    # The same phrase twice in one formula is harmless: keep one (a full form before
    # the same phrase as a short form).
    seen: dict[tuple, Pattern] = {}
    unique: list[Pattern] = []
    for p in patterns:
        k = (p.language, p.phrase, p.blocker, p.regex is not None)
        if k in seen:
            continue
        seen[k] = p
        unique.append(p)
    return unique


def load_lexicon(*names_or_paths: str | Path, strict_warnings: bool = False) -> Lexicon:
    """Load one or more lexicons (bundled names or YAML paths) into one :class:`Lexicon`.

    With no argument, loads the bundled ``ccdm`` lexicon.

    Raises
    ------
    LexiconError
        Listing every problem as ``file:line: id: message``.
    """
    lexicon, problems = assemble_lexicon(*names_or_paths)
    errors = [p for p in problems if p.severity == "error" or strict_warnings]
    if errors or lexicon is None:
        raise LexiconError(errors)
    return lexicon


def assemble_lexicon(*names_or_paths: str | Path) -> tuple[Lexicon | None, list[LexiconProblem]]:
    """Load lexicons without raising: the lexicon (None if nothing loaded) and every problem."""
    with paused_gc():  # a large lexicon is millions of small objects
        return _assemble(names_or_paths)


def _assemble(names_or_paths) -> tuple[Lexicon | None, list[LexiconProblem]]:
    if not names_or_paths:
        names_or_paths = ("ccdm",)
    problems: list[LexiconProblem] = []
    formulae: dict[str, Formula] = {}
    files, names = [], []
    digest = hashlib.sha256()
    for item in names_or_paths:
        try:
            path = resolve_lexicon_path(item)
        except LexiconError as exc:
            problems.extend(exc.problems)
            continue
        header, entries, found = read_lexicon(path)
        problems.extend(found)
        files.append(str(path))
        names.append(str(header.get("lexicon", path.stem)))
        try:
            digest.update(path.read_bytes())
        except OSError:
            pass
        for formula in entries:
            if formula.id in formulae:
                other = formulae[formula.id]
                problems.append(LexiconProblem(str(path), formula.line, formula.id,
                                               f"duplicate id (first defined at {other.file}:{other.line})"))
                continue
            formulae[formula.id] = formula
    for formula in formulae.values():
        if formula.parent is not None and formula.parent not in formulae:
            problems.append(LexiconProblem(formula.file or "", formula.line, formula.id,
                                           f"parent {formula.parent!r} is not a formula in the loaded lexicons"))
        if formula.parent == formula.id:
            problems.append(LexiconProblem(formula.file or "", formula.line, formula.id, "a formula cannot be its own parent"))
    patterns: list[Pattern] = []
    for formula in formulae.values():
        patterns.extend(_compile(formula, problems))
    if not files:
        return None, problems
    lexicon = Lexicon(
        formulae=formulae,
        files=tuple(files),
        names=tuple(names),
        version=digest.hexdigest()[:16],
        patterns=tuple(patterns),
    )
    return lexicon, problems
