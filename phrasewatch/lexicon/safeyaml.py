"""YAML from files that may be hostile: lexicon files and the front matter of any
document. The text is composed into nodes (libyaml where PyYAML has it, which refuses
nesting deeper than 1,000 levels by itself), the nodes are checked, and only then
turned into Python values:

- nesting deeper than ``max_depth`` is refused (construction recurses in Python);
- aliases may add at most ``max_alias_nodes`` nodes to the document (a "billion
  laughs" of a few hundred bytes would otherwise expand to gigabytes the moment its
  value is printed or written out), and an alias inside the node it names (a loop) is
  refused.

A document without aliases loses nothing: anchors and aliases within the bound work as
usual.
"""

from __future__ import annotations

__all__ = ["MAX_ALIAS_NODES", "MAX_DEPTH", "YAMLLimitError", "load_bounded", "paused_gc"]

import contextlib
import gc
import re

import yaml

MAX_DEPTH = 50
MAX_ALIAS_NODES = 10_000
# An anchor (&name) opens a node: after a line start, a space or a flow indicator. Text
# without one has no aliases; a large file without one (a lexicon) skips the walk over
# its nodes, which cost as much as composing them, and is bounded in depth by libyaml
# and by Python's recursion limit (caught).
_ANCHOR = re.compile(r"(?:^|[\s\[{,:?-])&", re.M)
_ALWAYS_CHECKED = 1 << 20  # characters


class YAMLLimitError(yaml.YAMLError):
    """YAML refused for its shape (too deep, too many aliased nodes, a loop)."""

    def __init__(self, problem: str, mark=None):
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark

    def __str__(self) -> str:
        return self.problem if self.problem_mark is None else f"{self.problem} (line {self.problem_mark.line + 1})"


def _children(node) -> list:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def check_nodes(root, *, max_depth: int = MAX_DEPTH, max_alias_nodes: int = MAX_ALIAS_NODES) -> None:
    """Raise :class:`YAMLLimitError` if the composed ``root`` nests too deep, if its
    aliases add more than ``max_alias_nodes`` nodes, or if an alias loops. One pass over
    the distinct nodes (iterative: no recursion however deep)."""
    sizes: dict[int, int] = {}  # id of a collection node seen -> its size with aliases expanded
    open_nodes: set[int] = set()
    added = 0
    stack = [(root, 1, False)]
    while stack:
        node, depth, closing = stack.pop()
        key = id(node)
        children = _children(node)
        if closing:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes.get(id(c), 1) for c in children)
            continue
        if key in open_nodes:
            raise YAMLLimitError("an alias refers to a node that contains it (a loop)", node.start_mark)
        if key in sizes:  # a collection reached again: through an alias
            added += sizes[key]
            if added > max_alias_nodes:
                raise YAMLLimitError(f"aliases expand the document by more than {max_alias_nodes:,} values "
                                     "(an alias bomb?)", node.start_mark)
            continue
        if depth > max_depth:
            raise YAMLLimitError(f"nested more than {max_depth} levels deep", node.start_mark)
        if not children:
            if not isinstance(node, yaml.ScalarNode):
                sizes[key] = 1
            continue
        open_nodes.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in reversed(children))


@contextlib.contextmanager
def paused_gc():
    """The cyclic garbage collector off while millions of small objects are made: with
    it on, a 17 MB lexicon took three times as long to load (its passes grow with the
    heap). Nothing made here is garbage until the load is over."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_bounded(text: str, loader, *, max_depth: int = MAX_DEPTH, max_alias_nodes: int = MAX_ALIAS_NODES):
    """``yaml.load(text, Loader=loader)`` for one document, refusing (with
    :class:`YAMLLimitError`, a ``yaml.YAMLError``) what :func:`check_nodes` refuses.

    Raises ``yaml.YAMLError`` for text that is not YAML."""
    instance = loader(text)
    try:
        try:
            node = instance.get_single_node()
        except RecursionError:  # the pure-Python composer, where libyaml is missing
            raise YAMLLimitError(f"nested more than {max_depth} levels deep") from None
        if node is None:
            return None
        if len(text) <= _ALWAYS_CHECKED or _ANCHOR.search(text):
            check_nodes(node, max_depth=max_depth, max_alias_nodes=max_alias_nodes)
        try:
            return instance.construct_document(node)
        except RecursionError:
            raise YAMLLimitError("nested too deep to read") from None
    finally:
        instance.dispose()
