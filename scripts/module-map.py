#!/usr/bin/env python3
"""The module map: every target of Package.swift, its layer, and what it may import.

    python3 scripts/module-map.py            prints the map (the table docs/architecture.md holds)
    python3 scripts/module-map.py --write    puts it into docs/architecture.md, between its markers
    python3 scripts/module-map.py --json     the layers and each target's layer, path and
                                             dependencies, with the map, for LayeringTests

The targets and their dependencies come from `swift package dump-package`; which layer a target
is in, and which layers a layer may import, are the LAYERS below — the one place the rules are
written. Tests/ConformanceTests/LayeringTests.swift checks that the map in the doc is this one,
and that every dependency in Package.swift and every `import` under Sources/ keeps to it.
A new target is in no layer until it is named here: the script then says so and stops.
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "architecture.md")
BEGIN = "<!-- module-map: made by scripts/module-map.py from Package.swift; edit the script, not this table -->"
END = "<!-- /module-map -->"

BELOW_SCHEMA = ["C library", "leaf", "core", "support"]

# Bottom to top. A target is in the layer that names it, or whose folder or kind it has; the
# map shows a layer of a folder or kind by its rule (`members`), so that adding a plugin or a
# test target leaves it as it is.
# `may` lists the layers its imports may come from; a layer not listed in its own `may` cannot
# import its own kind (no plugin imports another plugin).
LAYERS = [
    dict(name="C library", kind="system", members="every system-library target", may=[],
         why="a C library, wrapped by one Swift type"),
    dict(name="leaf", names=["BaselineText", "BaselineHandoff"], may=[],
         why="byte and text helpers and the thread hand-off: no module of ours below them"),
    dict(name="core", names=["BaselineCore"], may=["leaf"],
         why="the record, the source protocols, errors, provenance, periods (`Period`: read as published, and put in order in time): imports nothing above it"),
    dict(name="support",
         names=["BaselineConfig", "BaselineDigest", "BaselineCSV", "BaselineStatistics",
                "BaselineIndicators", "BaselineTemplates"],
         may=BELOW_SCHEMA,
         why="configuration decoding, digests, CSV, statistics, values and indicator catalogues, templates"),
    dict(name="schema", names=["BaselineSchema"], may=["leaf", "core", "support"],
         why="the baseline document and the protocols that fill and write it (stage, sink, outcomes reader)"),
    dict(name="format", names=["BaselineFormat"], may=BELOW_SCHEMA + ["schema"],
         why="one voice for figures and words: how every sink and `diff` show a value, a period, a count"),
    dict(name="adapter", folder="Sources/Adapters/", members="every target in `Sources/Adapters/`", may=BELOW_SCHEMA,
         why="an adapter makes records: not the schema, the runner, the CLI or another plugin"),
    dict(name="stage", folder="Sources/Stages/", members="every target in `Sources/Stages/`", may=BELOW_SCHEMA + ["schema", "format"],
         why="a stage fills the document: not the runner, the CLI or another plugin"),
    dict(name="sink", folder="Sources/Sinks/", members="every target in `Sources/Sinks/`", may=BELOW_SCHEMA + ["schema", "format"],
         why="a sink writes the document: not the runner, the CLI or another plugin"),
    dict(name="pipeline", names=["BaselinePipeline"], may=BELOW_SCHEMA + ["schema"],
         why="the pipeline file, the registry and the runner: it knows plugins only through the registry"),
    dict(name="reader", names=["BaselineDiff", "BaselineOutcomes", "BaselineIndex"], may=BELOW_SCHEMA + ["schema", "format", "reader"],
         why="modules that read baselines back: beside the runner, not on it"),
    dict(name="test kit", names=["BaselineTestKit"], may=BELOW_SCHEMA + ["schema", "pipeline"],
         why="shipped to adapter authors: no built-in plugin"),
    dict(name="CLI", names=["BaselineCLI"],
         may=BELOW_SCHEMA + ["schema", "format", "adapter", "stage", "sink", "pipeline", "reader"],
         why="the commands and the built-in registry: the one module that names every plugin"),
    dict(name="executable", kind="executable", members="every executable target", may=["CLI"],
         why="`baseline`: starts the CLI"),
    dict(name="tests", kind="test", members="every test target",
         may=BELOW_SCHEMA + ["schema", "format", "adapter", "stage", "sink", "pipeline", "reader", "test kit", "CLI"],
         why="each module's tests, most in `Tests/<Module>Tests` (the others: [Where the tests are](#where-the-tests-are)), the end-to-end and conformance suites"),
]

# Imports the map forbids that are still there, each with the change that removes it. The test
# fails on an exception no longer needed, so that it is deleted here the day the import goes.
EXCEPTIONS = []


def dump_package():
    """Package.swift as JSON. A scratch folder of its own: `swift test` holds the lock of .build."""
    with tempfile.TemporaryDirectory() as scratch:
        out = subprocess.run(["swift", "package", "--package-path", ROOT, "--scratch-path", scratch, "dump-package"],
                             check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def layer_of(target):
    for layer in LAYERS:
        if target["name"] in layer.get("names", []) \
                or layer.get("kind") == target["type"] \
                or ("folder" in layer and (target.get("path") or "").startswith(layer["folder"])):
            return layer["name"]
    return None


def targets():
    package = dump_package()
    names = {t["name"] for t in package["targets"]}
    found, missing = [], []
    for t in package["targets"]:
        layer = layer_of(t)
        if layer is None:
            missing.append(t["name"])
        deps = []
        for d in t["dependencies"]:
            name = (d.get("byName") or d.get("target") or [None])[0]
            if name in names:
                deps.append(name)
        found.append(dict(name=t["name"], layer=layer, type=t["type"], path=t.get("path"), dependencies=deps))
    if missing:
        sys.exit("scripts/module-map.py: " + ", ".join(missing) + " in no layer — name each in a layer of LAYERS "
                 "in scripts/module-map.py, then run `python3 scripts/module-map.py --write`")
    return found


def markdown(found):
    rows = [BEGIN, "", "| layer | targets | may import | why |", "|---|---|---|---|"]
    for layer in LAYERS:
        present = {t["name"] for t in found}
        members = layer.get("members") or ", ".join(f"`{n}`" for n in layer["names"] if n in present)
        may = ", ".join(layer["may"]) or "nothing of ours"
        rows.append(f"| {layer['name']} | {members} | {may} | {layer['why']} |")
    for e in EXCEPTIONS:
        rows += ["", f"For now `{e['target']}` also imports `{e['imports']}`, until {e['until']}."]
    rows += ["", END]
    return "\n".join(rows) + "\n"


def write(text):
    with open(DOC) as f:
        doc = f.read()
    start, end = doc.find(BEGIN), doc.find(END)
    if start < 0 or end < 0:
        sys.exit(f"scripts/module-map.py: {DOC} has no module-map markers — put `{BEGIN}` and `{END}` where the map goes")
    with open(DOC, "w") as f:
        f.write(doc[:start] + text + doc[end + len(END) + 1:])


def main():
    found = targets()
    text = markdown(found)
    if "--write" in sys.argv:
        write(text)
    elif "--json" in sys.argv:
        layers = [dict(name=l["name"], may=l["may"], why=l["why"]) for l in LAYERS]
        print(json.dumps(dict(layers=layers, targets=found, exceptions=EXCEPTIONS, map=text), indent=1))
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
