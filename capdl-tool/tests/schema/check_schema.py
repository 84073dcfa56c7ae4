#!/usr/bin/python3
"""Checks the JSON Schema of system descriptions (capdl-tool/schema/capdl-system.schema.json)
against the tool itself:
  - every description the tool accepts (the YAML files given as ACCEPTED) is valid under it;
  - every error fixture (capdl-tool/tests/fixtures/*.yaml, all refused by the tool) is refused
    by it too, unless not_expressible.txt lists the fixture with the reason a schema cannot
    see the mistake (a name that must resolve, a rule across objects, an ELF, ...); a listed
    fixture the schema does refuse is an error too, so the list stays exact.
Files are read as YAML 1.1 by PyYAML; a file PyYAML cannot read counts as refused. An
ACCEPTED file ending in .md stands for its ```yaml blocks (docs/yaml-reference.md's examples).
usage: check_schema.py SCHEMA FIXTURE_DIR NOT_EXPRESSIBLE ACCEPTED.yaml|.md...
"""
import sys

try:
    import jsonschema
    import yaml
except ImportError as e:  # ctest reports the test as skipped (SKIP_RETURN_CODE 77)
    print("check_schema: skipped (%s: apt-get install python3-jsonschema python3-yaml, or scripts/setup.sh)" % e)
    sys.exit(77)


def load_yaml(path):
    with open(path, "rb") as f:
        docs = list(yaml.safe_load_all(f))
    if len(docs) != 1:
        raise ValueError("%d YAML documents" % len(docs))
    return docs[0]


def yaml_blocks(path):
    """The ```yaml blocks of a Markdown file, as (name, text)."""
    blocks, cur = [], None
    with open(path) as f:
        for line in f:
            if cur is None and line.rstrip("\n") == "```yaml":
                cur = []
            elif cur is not None and line.rstrip("\n") == "```":
                blocks.append(("%s example %d" % (path, len(blocks) + 1), "".join(cur)))
                cur = None
            elif cur is not None:
                cur.append(line)
    return blocks


def first_error(validator, path, text=None):
    """The schema's first complaint about the file (or text), or None when it is valid."""
    try:
        data = load_yaml(path) if text is None else yaml.safe_load(text)
    except Exception as e:  # the schema user's YAML reader refuses it as well
        return "not readable as YAML: %s" % str(e).splitlines()[0]
    err = jsonschema.exceptions.best_match(validator.iter_errors(data))
    return None if err is None else "%s: %s" % ("/".join(str(p) for p in err.absolute_path), err.message)


def read_list(path):
    listed = {}
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                name, _, reason = line.partition(" ")
                listed[name] = reason.strip()
    return listed


def main(argv):
    schema_path, fixture_dir, list_path, accepted = argv[1], argv[2], argv[3], argv[4:]
    with open(schema_path) as f:
        schema = json_load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []
    inputs = []
    for path in accepted:
        inputs += yaml_blocks(path) if path.endswith(".md") else [(path, None)]
    for name, text in inputs:
        err = first_error(validator, name, text)
        if err:
            failures.append("%s: the tool accepts it, the schema refuses it: %s" % (name, err))
    listed = read_list(list_path)
    import glob
    import os
    fixtures = sorted(glob.glob(os.path.join(fixture_dir, "*.yaml")))
    for path in fixtures:
        name = os.path.basename(path)[:-5]
        err = first_error(validator, path)
        if err is None and name not in listed:
            failures.append("%s: the tool refuses it, the schema accepts it (fix the schema, or list it in %s "
                            "with the reason a schema cannot express it)" % (path, list_path))
        elif err is not None and name in listed:
            failures.append("%s: listed as not expressible, but the schema refuses it (%s): remove it from %s"
                            % (path, err, list_path))
    names = {os.path.basename(p)[:-5] for p in fixtures}
    for name in sorted(set(listed) - names):
        failures.append("%s: listed in %s but there is no such fixture" % (name, list_path))
    for f in failures:
        print(f)
    print("schema: %d accepted descriptions, %d error fixtures (%d not expressible): %s"
          % (len(inputs), len(fixtures), len(listed), "FAILED" if failures else "ok"))
    return 1 if failures else 0


def json_load(f):
    import json
    return json.load(f)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
