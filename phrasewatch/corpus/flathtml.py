"""A tree for HTML nested deeper than libxml2 will go.

libxml2's HTML parser stops at 256 levels of nesting (2,048 with its "huge" option)
and drops the rest of the page: a page of 300 nested <div>s read as empty. Such a page
is built again here with the standard library's tokenizer, which has no depth limit,
into an lxml.html tree of bounded depth: an element deeper than ``DEEPEST`` is not
nested further, its text goes to the deepest element kept, and each block element or
<br> there becomes a <br>, so its lines stay apart. The readers' heuristics then work
on it as on any page (and recurse no deeper than ``DEEPEST``).
"""

from __future__ import annotations

__all__ = ["DEEPEST", "flat_tree"]

from html.parser import HTMLParser

DEEPEST = 200
_NOT_TEXT = frozenset("script style noscript template svg math".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


class _Builder(HTMLParser):
    def __init__(self, blocks: frozenset):
        super().__init__(convert_charrefs=True)
        import lxml.html

        self.blocks = blocks
        self.root = lxml.html.Element("html")
        self.stack = [self.root]
        self.flattened: list[str] = []  # tags opened past DEEPEST, not nested

    def _element(self, parent, tag: str, attrs):
        from lxml import etree

        try:
            element = etree.SubElement(parent, tag)
        except ValueError:  # a tag name lxml refuses ("1a", "a<b")
            element = etree.SubElement(parent, "span")
        for name, value in attrs:
            try:
                element.set(name, value or "")
            except (ValueError, TypeError):
                pass  # an attribute name XML refuses: the text is what matters
        return element

    def _line_break(self) -> None:
        self._element(self.stack[-1], "br", ())

    def handle_starttag(self, tag, attrs):
        deep = len(self.stack) >= DEEPEST
        if tag in _VOID:
            if not deep:
                self._element(self.stack[-1], tag, attrs)
            elif tag == "br" or tag in self.blocks:
                self._line_break()
            return
        if deep:
            self.flattened.append(tag)
            if tag in self.blocks:
                self._line_break()
            return
        self.stack.append(self._element(self.stack[-1], tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in self.flattened:
            index = len(self.flattened) - 1 - self.flattened[::-1].index(tag)
            del self.flattened[index:]
            if tag in self.blocks:
                self._line_break()
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if any(tag in _NOT_TEXT for tag in self.flattened):
            return  # a script or style past the depth kept: not text
        element = self.stack[-1]
        if len(element):
            last = element[-1]
            last.tail = (last.tail or "") + data
        else:
            element.text = (element.text or "") + data


def flat_tree(markup: str, blocks: frozenset):
    """An lxml.html tree of ``markup`` no deeper than ``DEEPEST``, with all its text.
    ``blocks``: the tags that start a line."""
    builder = _Builder(blocks)
    builder.feed(markup)
    builder.close()
    return builder.root
