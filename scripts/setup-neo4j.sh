#!/usr/bin/env bash
# Build the local Neo4j server (neo4j-local/) so govkg can run it without Docker:
# compiles govkg.Neo4jLocal into neo4j-local/target/classes and copies the Neo4j
# Community jars into neo4j-local/target/lib (run with java -cp 'classes:lib/*').
#
# Idempotent: a stamp file records a hash of pom.xml and the Java sources, so a second
# run is a fast no-op. Tries Maven offline first (works once ~/.m2 holds the jars),
# then online. Options: --force (rebuild), --print-classpath (print it and exit 0
# when built, exit 1 otherwise). Needs Java 17+ and Maven 3.6+.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROJECT="$ROOT/neo4j-local"
TARGET="$PROJECT/target"
STAMP="$TARGET/.govkg-built"
MAIN_CLASS="$TARGET/classes/govkg/Neo4jLocal.class"

die() { echo "setup-neo4j: $*" >&2; exit 1; }

fingerprint() {
    (cd "$PROJECT" && find pom.xml src -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) \
        | sha256sum | cut -d' ' -f1
}

is_built() {
    [[ -f "$STAMP" && -f "$MAIN_CLASS" && -d "$TARGET/lib" ]] \
        && compgen -G "$TARGET/lib/neo4j-5.*.jar" >/dev/null \
        && [[ "$(cat "$STAMP")" == "$(fingerprint)" ]]
}

force=0
for arg in "$@"; do
    case "$arg" in
        --force) force=1 ;;
        --print-classpath)
            if is_built; then echo "$TARGET/classes:$TARGET/lib/*"; exit 0; fi
            exit 1 ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option $arg (use --force or --print-classpath)" ;;
    esac
done

if [[ $force == 0 ]] && is_built; then
    exit 0
fi

command -v java >/dev/null || die "java not found: apt-get install openjdk-17-jdk-headless"
command -v mvn >/dev/null || die "mvn not found: apt-get install maven"
java_major="$(java -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
[[ -n "$java_major" && "$java_major" -ge 17 ]] \
    || die "Java 17 or newer is needed for Neo4j 5 (found ${java_major:-none}): apt-get install openjdk-17-jdk-headless"

echo "setup-neo4j: building neo4j-local (first run downloads ~125 MB of Neo4j jars from Maven Central)" >&2
start=$(date +%s)
rm -rf "$TARGET/lib" "$STAMP"
MVN=(mvn -B -q -Dstyle.color=never -f "$PROJECT/pom.xml" package dependency:copy-dependencies)
if ! "${MVN[@]}" -o >/dev/null 2>&1; then
    log="$(mktemp)"
    if ! "${MVN[@]}" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        rm -f "$log"
        die "maven build of neo4j-local failed (see above); check network access to Maven Central"
    fi
    rm -f "$log"
fi
[[ -f "$MAIN_CLASS" ]] || die "build finished but $MAIN_CLASS is missing"
fingerprint >"$STAMP"
echo "setup-neo4j: built in $(( $(date +%s) - start )) s: $TARGET/classes:$TARGET/lib/*" >&2
