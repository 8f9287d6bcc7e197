"""The dimensions of the overlap: each declared once, with its features, weights, title and
description.

A dimension says what two municipalities, or two goals, are compared on. :func:`register`
takes all of a dimension's parts at once and refuses one that lacks any (at import, not when a
report is rendered): a title and a one-line description for readers, and for each kind of
document it is used for (municipalities, goals) the function that gives a document's features
and the dimension's weight. Adding a dimension is one call to :func:`register` here.

>>> [d.value for d in municipality_dimensions()]  # doctest: +NORMALIZE_WHITESPACE
['organisations', 'organisation_kinds', 'sdgs', 'themes', 'partner_countries', 'twin_cities',
 'wording']
>>> [d.value for d in goal_dimensions()]
['organisations', 'sdgs', 'themes', 'concepts', 'wording']
>>> DIMENSIONS[Dimension.CONCEPTS].title
'concepts'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

import attrs

from munintl.model import FixedStrEnum
from munintl.overlap.holdings import ItemKind
from munintl.overlap.units import GoalUnit, MunicipalityUnit

__all__ = [
    "DIMENSIONS",
    "Dimension",
    "DimensionSpec",
    "goal_dimensions",
    "goal_weights",
    "municipality_dimensions",
    "municipality_weights",
    "register",
]


class Dimension(FixedStrEnum):
    """What municipalities or goals are compared on (see :data:`DIMENSIONS`)."""

    ORGANISATIONS = "organisations"
    ORGANISATION_KINDS = "organisation_kinds"
    SDGS = "sdgs"
    THEMES = "themes"
    CONCEPTS = "concepts"
    PARTNER_COUNTRIES = "partner_countries"
    TWIN_CITIES = "twin_cities"
    WORDING = "wording"


Features = Mapping[str, float]


def _text(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise TypeError(f"a dimension needs a {attribute.name}")


def _weight(_: object, attribute: attrs.Attribute[float | None], value: float | None) -> None:
    if value is not None and not 0 <= value <= 1:
        raise TypeError(f"a dimension's {attribute.name} lies in [0, 1], not {value}")


@attrs.frozen
class DimensionSpec:
    """One dimension, whole: a feature function and a weight for each kind of document it
    compares (``None`` for both where it is not used), a title and a description."""

    dimension: Dimension
    title: str = attrs.field(validator=_text)
    description: str = attrs.field(validator=_text)
    municipality: Callable[[MunicipalityUnit], Features] | None = None
    weight: float | None = attrs.field(default=None, validator=_weight)
    goal: Callable[[GoalUnit], Features] | None = None
    goal_weight: float | None = attrs.field(default=None, validator=_weight)

    def __attrs_post_init__(self) -> None:
        for features, weight, kind in (
            (self.municipality, self.weight, "municipalities"),
            (self.goal, self.goal_weight, "goals"),
        ):
            if (features is None) != (weight is None):
                raise TypeError(
                    f"dimension {self.dimension.value!r}: for {kind} give both the features "
                    "and the weight, or neither"
                )
        if self.municipality is None and self.goal is None:
            raise TypeError(f"dimension {self.dimension.value!r} compares nothing")


_REGISTRY: dict[Dimension, DimensionSpec] = {}
DIMENSIONS: Mapping[Dimension, DimensionSpec] = MappingProxyType(_REGISTRY)
"""Every dimension by its name, in the order registered."""


def register(spec: DimensionSpec) -> DimensionSpec:
    """Add a dimension (each once).

    Parameters
    ----------
    spec : DimensionSpec
        The dimension's specification.

    Returns
    -------
    DimensionSpec
        `spec` itself, now in ``DIMENSIONS``.

    Raises
    ------
    TypeError
        If the dimension is already registered.

    Examples
    --------
    >>> register(DIMENSIONS[Dimension.SDGS])
    Traceback (most recent call last):
    TypeError: dimension 'sdgs' is registered twice
    """
    if spec.dimension in _REGISTRY:
        raise TypeError(f"dimension {spec.dimension.value!r} is registered twice")
    _REGISTRY[spec.dimension] = spec
    return spec


def municipality_dimensions() -> tuple[Dimension, ...]:
    """The dimensions municipalities are compared on, in order.

    Returns
    -------
    tuple of Dimension
        Every registered dimension with a municipality part.

    Examples
    --------
    >>> municipality_dimensions()[0].value
    'organisations'
    """
    return tuple(d for d, s in DIMENSIONS.items() if s.municipality is not None)


def goal_dimensions() -> tuple[Dimension, ...]:
    """The dimensions goals are compared on, in order.

    Returns
    -------
    tuple of Dimension
        Every registered dimension with a goal part.

    Examples
    --------
    >>> [d.value for d in goal_dimensions()][:2]
    ['organisations', 'sdgs']
    """
    return tuple(d for d, s in DIMENSIONS.items() if s.goal is not None)


def municipality_weights() -> Mapping[Dimension, float]:
    """The default weights of the municipalities' combined score (they sum to 1).

    Returns
    -------
    Mapping of Dimension to float
        Each municipality dimension's weight, 0..1.

    Examples
    --------
    >>> round(sum(municipality_weights().values()), 6)
    1.0
    """
    return {d: DIMENSIONS[d].weight or 0.0 for d in municipality_dimensions()}


def goal_weights() -> Mapping[Dimension, float]:
    """The default weights of a goal pair's score (they sum to 1).

    Returns
    -------
    Mapping of Dimension to float
        Each goal dimension's weight, 0..1.

    Examples
    --------
    >>> round(sum(goal_weights().values()), 6)
    1.0
    """
    return {d: DIMENSIONS[d].goal_weight or 0.0 for d in goal_dimensions()}


def _held(*kinds: ItemKind) -> Callable[[MunicipalityUnit], Features]:
    def features(unit: MunicipalityUnit) -> Features:
        return {item: 1.0 for kind in kinds for item in unit.held.get(kind, ())}

    return features


# --- the dimensions -----------------------------------------------------------------------------
# Weights are a judgement, said once here: what is specific and chosen (an organisation, what
# a goal is about as curated and as written) weighs most; small vocabularies most strategies
# touch (SDGs) less; a kind of organisation little once the organisations count; a twin city is
# usually one municipality's own.

register(
    DimensionSpec(
        Dimension.ORGANISATIONS,
        "organisations",
        "organisations held through a current membership or a project (serving the goal)",
        municipality=_held(ItemKind.ORGANISATION),
        weight=0.25,
        goal=lambda unit: dict.fromkeys(unit.organisations, 1.0),
        goal_weight=0.10,
    )
)
register(
    DimensionSpec(
        Dimension.ORGANISATION_KINDS,
        "kinds",
        "the kinds of those organisations (network, Brussels office, ...)",
        municipality=_held(ItemKind.ORGANISATION_KIND),
        weight=0.07,
    )
)
register(
    DimensionSpec(
        Dimension.SDGS,
        "SDGs",
        "SDGs and SDG targets linked (a target counts for its goal too)",
        municipality=_held(ItemKind.SDG, ItemKind.SDG_TARGET),
        weight=0.15,
        goal=lambda unit: dict.fromkeys(unit.sdgs, 1.0),
        goal_weight=0.10,
    )
)
register(
    DimensionSpec(
        Dimension.THEMES,
        "themes",
        "themes of the vocabulary, as the pack's curator linked them",
        municipality=_held(ItemKind.THEME),
        weight=0.15,
        goal=lambda unit: dict.fromkeys(unit.themes, 1.0),
        goal_weight=0.30,
    )
)
register(
    DimensionSpec(
        Dimension.CONCEPTS,
        "concepts",
        "themes the text names, in Norwegian or English (the bilingual vocabulary)",
        goal=lambda unit: unit.concepts,
        goal_weight=0.20,
    )
)
register(
    DimensionSpec(
        Dimension.PARTNER_COUNTRIES,
        "countries",
        "countries of current partnerships",
        municipality=_held(ItemKind.PARTNER_COUNTRY),
        weight=0.08,
    )
)
register(
    DimensionSpec(
        Dimension.TWIN_CITIES,
        "twin cities",
        "current twin cities",
        municipality=_held(ItemKind.TWIN_CITY),
        weight=0.05,
    )
)
register(
    DimensionSpec(
        Dimension.WORDING,
        "wording",
        "the words of titles and texts: stems (municipalities) or n-grams of stems (goals), "
        "a negated word apart from the plain one",
        municipality=lambda unit: unit.stem_counts,
        weight=0.25,
        goal=lambda unit: unit.ngram_counts,
        goal_weight=0.30,
    )
)

_missing = [d.value for d in Dimension if d not in DIMENSIONS]
if _missing:  # pragma: no cover - a programming error, caught by importing at all
    raise TypeError(f"dimensions without a declaration: {', '.join(_missing)}")
for _weights in (municipality_weights(), goal_weights()):
    if abs(sum(_weights.values()) - 1) > 1e-9:  # pragma: no cover - as above
        raise TypeError(f"default weights must sum to 1, not {sum(_weights.values())}")
