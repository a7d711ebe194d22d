"""The component contract of the per-document flow (the flow itself is ``pipeline.FLOW``).

A document travels through the flow as one ``Analysis``: the document and its annotation
layers. Each component is a small named step that declares the layers it reads (``requires``)
and the layers it writes (``assigns``), like a spaCy pipeline component. Why declare them: the
list of components is then the whole flow, readable in one place; a component can be swapped
or added without reading the others, and ``check_flow`` refuses, before any document is
processed, a flow in which a component reads a layer nobody wrote earlier or two components
write the same one (data flows one way: a layer is written once and only read after).

Layer names and where each one lives:
    raw                                  the input as read (``RawDocument``), given
    original, text, segments, title,     fields of ``Analysis.document`` (written by clean)
    published, language
    sentences, countries, ..., events    fields of ``Analysis``
    anything else                        ``Analysis.layers[name]`` (clean's ``layout``,
                                         ``metadata`` and ``datelines``, added components' own)

A component that decides a document goes no further (no text left, a language without
vocabulary) raises ``StopDocument``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bilateral.models import Analysis

GIVEN: tuple[str, ...] = ("raw",)  # what every flow starts with


@dataclass(frozen=True)
class Component:
    """One step of the flow: ``run(analysis)`` reads ``requires`` and writes ``assigns``."""

    name: str
    run: Callable[[Analysis], None]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    doc: str = ""  # one line for ``describe_flow``: what the step does


class FlowError(ValueError):
    """A flow whose components do not fit together (said before any document is read)."""


class StopDocument(Exception):
    """Raised by a component: the document goes no further.

    ``error`` None means "no events, and that is no failure" (a language without vocabulary);
    otherwise it is the reason the document failed ("no text left after cleaning").
    """

    def __init__(self, error: str | None = None) -> None:
        super().__init__(error or "stopped")
        self.error = error


def check_flow(flow: Sequence[Component], given: Iterable[str] = GIVEN) -> None:
    """Raise ``FlowError`` naming the first component that does not fit: a duplicate name, a
    required layer no earlier component assigns, or a layer assigned a second time."""
    available = {name: "the input" for name in given}
    seen: set[str] = set()
    for i, c in enumerate(flow):
        if not isinstance(c, Component):
            raise FlowError(f"flow step {i} is not a Component: {c!r}")
        if c.name in seen:
            raise FlowError(f"component {c.name!r} appears twice in the flow")
        seen.add(c.name)
        missing = [layer for layer in c.requires if layer not in available]
        if missing:
            raise FlowError(f"component {c.name!r} requires {', '.join(map(repr, missing))}, which no "
                            f"earlier component assigns (available: {', '.join(sorted(available))})")
        for layer in c.assigns:
            if layer in available:
                raise FlowError(f"component {c.name!r} assigns {layer!r}, already assigned by "
                                f"{available[layer]}: a layer is written once")
            available[layer] = repr(c.name)


def run_flow(flow: Iterable[Component], a: Analysis) -> Analysis:
    """Run the components in order on ``a`` (``StopDocument`` propagates to the caller)."""
    for c in flow:
        c.run(a)
    return a


def index_of(flow: Sequence[Component], name: str) -> int:
    for i, c in enumerate(flow):
        if c.name == name:
            return i
    raise FlowError(f"no component named {name!r} in the flow ({', '.join(c.name for c in flow)})")


def replaced(flow: Sequence[Component], component: Component) -> tuple[Component, ...]:
    """``flow`` with the component of the same name swapped for ``component``."""
    i = index_of(flow, component.name)
    return (*flow[:i], component, *flow[i + 1:])


def inserted(flow: Sequence[Component], component: Component, *, after: str | None = None,
             before: str | None = None) -> tuple[Component, ...]:
    """``flow`` with ``component`` added after (or before) the named one; at the end by default."""
    if after is not None:
        i = index_of(flow, after) + 1
    elif before is not None:
        i = index_of(flow, before)
    else:
        i = len(flow)
    return (*flow[:i], component, *flow[i:])


def part(flow: Sequence[Component], first: str, last: str) -> tuple[Component, ...]:
    """The components from ``first`` to ``last``, both included."""
    return tuple(flow[index_of(flow, first):index_of(flow, last) + 1])


def describe_flow(flow: Sequence[Component]) -> str:
    """One line per component: name, what it requires and assigns, what it does."""
    width = max((len(c.name) for c in flow), default=0)
    return "\n".join(f"{c.name:<{width}}  {', '.join(c.requires) or '-'} -> {', '.join(c.assigns) or '-'}"
                     + (f"   {c.doc}" if c.doc else "") for c in flow)
