"""Query the packs as linked data: the JSON-LD export, read with rdflib, asked with SPARQL.

    python examples/07_linked_data.py [--out DIR]

Writes: bergen-oslo-hamar.jsonld

Which of Bergen's goals serve SDG 17 (the goal or one of its targets), and is the link stated
by the strategy or inferred by a curator? SDGs are the UN's own IRIs
(``http://metadata.un.org/sdg/17``), so the same query joins with other open data on the SDGs.
rdflib comes with ``pip install "munintl[rdf]"``; without it the script stops after writing.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import munintl
from munintl.exports import export

QUERY = """
PREFIX mi: <urn:munintl:vocab:>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?notation ?title ?sdg ?evidence ?rationale WHERE {
  ?goal a mi:Goal ; mi:pack "bergen" ; skos:prefLabel ?title ; mi:link ?link .
  OPTIONAL { ?goal skos:notation ?notation }
  ?link mi:to ?sdg ; mi:evidence ?evidence .
  OPTIONAL { ?link mi:rationale ?rationale }
  ?sdg skos:broader* <http://metadata.un.org/sdg/17> .
}
ORDER BY ?notation ?sdg
"""


def out_dir(given: str | None) -> Path:
    """--out, else $MUNINTL_EXAMPLES_OUT, else examples/out/ beside this script."""
    folder = Path(given or os.environ.get("MUNINTL_EXAMPLES_OUT") or Path(__file__).parent / "out")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="folder for the files written")
    args = parser.parse_args()

    packs = munintl.load_packs(["bergen", "oslo", "hamar"])
    path = out_dir(args.out) / "bergen-oslo-hamar.jsonld"
    path.write_text(export(packs, "jsonld"), encoding="utf-8")
    print(f"Wrote {path}")

    try:
        import rdflib
    except ImportError:
        print('No rdflib here: pip install "munintl[rdf]", then run this again.')
        return

    graph = rdflib.Graph().parse(path, format="json-ld")  # the @context is inside the file
    print(f"{len(graph)} triples about Bergen, Oslo and Hamar")
    print("Bergen's goals that serve SDG 17:")
    for row in graph.query(QUERY):
        notation, title, sdg, evidence, rationale = row  # type: ignore[misc]
        number = str(sdg).rsplit("/", 1)[-1]
        why = f" ({rationale})" if rationale else ""
        print(f"  {notation or '-'} {title}")
        print(f"      -> SDG {number}: {evidence}{why}")


if __name__ == "__main__":
    main()
