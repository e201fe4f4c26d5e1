#!/usr/bin/env bash
# Builds a generated package in this folder (the API client, or with admin-build.sh the admin client).
# Debian has pydantic 1.10 (the python-pydantic-v1 generator's) but not `aenum`, which the generated enums
# import from PyPI; the standard library's enum does the same here. A user with PyPI installs the package as
# generated (`pip install .`) and needs none of this.
set -euo pipefail
package=$(basename "$(dirname "$(ls -d ./*/models)")")
for f in $(grep -l '^from aenum import' "$package"/models/*.py); do
  sed -i -e 's/^from aenum import Enum, no_arg/from enum import Enum/' \
         -e 's/) -> \([A-Z][A-Za-z]*\):$/) -> "\1":/' "$f"
done
/usr/bin/python3 -c "import $package"
