#!/usr/bin/env bash
# Sums the <Counters> of VSTest .trx result files. Source it.
#
#   trx_counts DIR  -> prints "FILES PASSED FAILED SKIPPED" for every *.trx under DIR

# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Failed counts failed+error+timeout+aborted. Skipped is total-executed (xunit
# and NUnit leave notExecuted at 0 for skipped tests), or notExecuted if larger.
# A .trx that cannot be read (test host crashed mid-write) counts as 1 failure.
trx_counts() {
  local dir=${1:?usage: trx_counts DIR}
  if command -v python3 >/dev/null 2>&1 && python3 -c 'import xml.etree.ElementTree' 2>/dev/null; then
    python3 - "$dir" <<'PY'
import pathlib, sys, xml.etree.ElementTree as ET

files = passed = failed = skipped = 0
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.trx")):
    files += 1
    try:
        counters = next(e for e in ET.parse(path).iter() if e.tag.split("}")[-1] == "Counters")
    except (ET.ParseError, StopIteration, OSError):
        print(f"WARNING: cannot read test counters from {path}", file=sys.stderr)
        failed += 1
        continue
    n = lambda name: int(counters.get(name, "0") or 0)
    passed += n("passed")
    failed += n("failed") + n("error") + n("timeout") + n("aborted")
    skipped += max(n("total") - n("executed"), n("notExecuted"))
print(files, passed, failed, skipped)
PY
  else
    # No python3: pull the attributes out of the <Counters .../> tag with sed.
    local f c files=0 passed=0 failed=0 skipped=0
    _trx_attr() { printf '%s\n' "$1" | sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p" | grep . || echo 0; }
    while IFS= read -r -d '' f; do
      files=$((files + 1))
      c=$(grep -o '<Counters [^>]*>' "$f" | head -n 1 || true)
      if [ -z "$c" ]; then
        warn "cannot read test counters from $f"
        failed=$((failed + 1))
        continue
      fi
      passed=$((passed + $(_trx_attr "$c" passed)))
      failed=$((failed + $(_trx_attr "$c" failed) + $(_trx_attr "$c" error) + $(_trx_attr "$c" timeout) + $(_trx_attr "$c" aborted)))
      local s=$(( $(_trx_attr "$c" total) - $(_trx_attr "$c" executed) )) ne
      ne=$(_trx_attr "$c" notExecuted)
      if [ "$ne" -gt "$s" ]; then s=$ne; fi
      skipped=$((skipped + s))
    done < <(find "$dir" -name '*.trx' -type f -print0 2>/dev/null)
    echo "$files $passed $failed $skipped"
  fi
}
