# Sourced by the checks that drive the daemon with a tool from PyPI (web-checks.sh, api-checks.sh):
# what they need on the machine, and a venv holding exactly the pinned requirements.

# require_tools CHECK TOOL... — exits 69 naming the first tool that is not installed.
require_tools() {
    local check="$1"
    shift
    for tool in "$@"; do
        [ -x "$tool" ] || { echo "$check: $tool is missing; run scripts/setup.sh" >&2; exit 69; }
    done
}

# require_binary CHECK BINARY — exits 69 when the posagent binary to check has not been built.
require_binary() {
    [ -x "$2" ] || { echo "$1: no posagent binary at $2; build it first" >&2; exit 69; }
}

# pinned_venv CHECK VENV REQUIREMENTS — (re)makes VENV when it was not made from REQUIREMENTS as they
# are now; it keeps a copy of them to tell.
pinned_venv() {
    local check="$1" venv="$2" requirements="$3"
    cmp -s "$requirements" "$venv/pinned-requirements.txt" && return 0
    echo "$check: installing $requirements into $venv"
    /usr/bin/python3 -m venv --clear "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --requirement "$requirements"
    cp "$requirements" "$venv/pinned-requirements.txt"
}
