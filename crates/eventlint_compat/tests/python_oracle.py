"""Python `avro` (PyPI, 1.12.2) as a compatibility oracle over the JSONL exchange format (avro-compat 7.4).

Reads one {"reader", "writer", "id"?} object per line on stdin and prints one answer line per input line:
{"id", "compatible", "types": [...], "locations": [...]} with Java-style upper-case types, or {"id", "error"}.
"""

import json
import sys

import avro.schema
from avro.compatibility import ReaderWriterCompatibilityChecker, SchemaCompatibilityType


def answer(pair):
    try:
        reader = avro.schema.parse(json.dumps(pair["reader"]))
        writer = avro.schema.parse(json.dumps(pair["writer"]))
        result = ReaderWriterCompatibilityChecker().get_compatibility(reader, writer)
    except Exception as error:  # the oracle reports, the Rust side decides
        return {"error": f"{type(error).__name__}: {error}"}
    return {
        "compatible": result.compatibility is SchemaCompatibilityType.compatible,
        "types": [kind.value.upper() for kind in result.incompatibilities],
        "locations": sorted(result.locations),
    }


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        pair = json.loads(line)
        output = {"id": pair.get("id")}
        output.update(answer(pair))
        sys.stdout.write(json.dumps(output) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
