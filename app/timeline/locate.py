"""Turn problem paths (e.g. ("items", 3, "end")) and nodes into file lines and columns.

Only used when a file has problems: the happy path never looks at positions.
"""

from __future__ import annotations

import re
from itertools import accumulate, repeat

from defense_timeline.errors import Problem
from defense_timeline.timeline import validate as schema
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_INDEX_FROM = 16  # mappings with more keys than this get a key index (hostile files have many)


class Locator:
    """Finds the node of a path in one composed document, and the path of a node."""

    def __init__(self, name: str, root: Node, data: object) -> None:
        self.name, self.root, self.data = name, root, data
        self._keys: dict[int, dict[str, tuple[Node, Node]]] = {}

    def _pair(self, node: MappingNode, key: str) -> tuple[Node, Node] | None:
        """The last pair with this key (the one the data kept, as for duplicate keys)."""
        pairs = node.value
        if len(pairs) <= _INDEX_FROM:
            found = None
            for pair in pairs:
                if pair[0].__class__ is ScalarNode and pair[0].value == key:
                    found = pair
            return found
        index = self._keys.get(id(node))
        if index is None:
            index = {p[0].value: p for p in pairs if p[0].__class__ is ScalarNode}
            self._keys[id(node)] = index
        return index.get(key)

    def walk(self, path: tuple) -> tuple[Node, Node | None]:
        """The deepest node a path reaches, and its key node when it was reached by a key."""
        node, key_node = self.root, None
        for part in path:
            if node.__class__ is MappingNode:
                pair = self._pair(node, str(part))
                if pair is None:
                    break
                key_node, node = pair
            elif node.__class__ is SequenceNode and type(part) is int and part < len(node.value):
                key_node, node = None, node.value[part]
            else:
                break
        return node, key_node

    def issue(self, issue: schema.Issue) -> Problem:
        """A Problem at the line and column the issue's path points at (1-based)."""
        if issue.path is None:
            return Problem(self.name, None, None, "", issue.message, issue.severity)
        node, key_node = self.walk(issue.path)
        mark = key_node.start_mark if issue.at_key and key_node is not None else node.start_mark
        message = issue.message
        if issue.related is not None:
            first = self.walk(issue.related)[0].start_mark.line + 1
            message = message.replace("{first}", str(first))
        field = schema.display(issue.path, self.data)
        return Problem(self.name, mark.line + 1, mark.column + 1, field, message, issue.severity)

    def nodes(self, found: list[tuple[Node, str]]) -> list[Problem]:
        """Problems noted by node: located directly, named by their path (one search for all)."""
        paths = self._paths({id(node) for node, _ in found})
        problems = []
        for node, message in found:
            mark = node.start_mark
            field = schema.display(paths.get(id(node), ()), self.data)
            problems.append(Problem(self.name, mark.line + 1, mark.column + 1, field, message))
        return problems

    def _paths(self, targets: set[int]) -> dict[int, tuple]:
        """The paths of the target nodes (a key node: its mapping's path plus the key)."""
        paths: dict[int, tuple] = {}
        stack: list[tuple[Node, tuple]] = [(self.root, ())]
        seen: set[int] = set()
        while stack and len(paths) < len(targets):
            node, path = stack.pop()
            if id(node) in targets:
                paths.setdefault(id(node), path)
            if id(node) in seen:
                continue
            seen.add(id(node))
            if node.__class__ is MappingNode:
                for key, value in node.value:
                    key_path = path + (key.value,) if key.__class__ is ScalarNode else path
                    if id(key) in targets:
                        paths.setdefault(id(key), key_path)
                    stack.append((value, key_path))
            elif node.__class__ is SequenceNode:
                stack.extend((child, path + (i,)) for i, child in enumerate(node.value))
        return paths


def item_lines(root: Node) -> list[int] | None:
    """The line of each item (cheap: one attribute per item, from nodes libyaml made anyway)."""
    if root.__class__ is not MappingNode:
        return None
    items = Locator("", root, None).walk(("items",))
    if items[1] is None or items[0].__class__ is not SequenceNode:
        return None
    return [node.start_mark.line + 1 for node in items[0].value]


_ITEMS_KEY = re.compile(r"^items:[ \t]*(?:#.*)?$", re.MULTILINE)
_NEXT_TOP_KEY = re.compile(r"\n(?=[^\s#-])")  # the newline before the next top-level key


def item_lines_in_text(text: str, count: int) -> list[int] | None:
    """The line of each of count block-style items, found in the text without parsing; None when
    the text does not show exactly count entries (then the nodes must say)."""
    found = _ITEMS_KEY.search(text)
    if found is None:
        return None
    end = _NEXT_TOP_KEY.search(text, found.end())
    block = text[found.end() : end.start() + 1 if end else len(text)]  # starts with a newline
    first = re.search(r"^([ ]*)- ", block, re.MULTILINE)
    if first is None:
        return None
    parts = block.split(f"\n{first.group(1)}- ")  # every entry starts a line of the block
    if len(parts) != count + 1:
        return None
    base = text.count("\n", 0, found.end()) + 1
    newlines = accumulate(map(str.count, parts[:-1], repeat("\n")))
    return [base + n + k for k, n in enumerate(newlines, 1)]  # k: the newlines split took
