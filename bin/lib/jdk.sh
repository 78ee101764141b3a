# Sourced by the bin/ scripts: the machine's default java may be older than 21, so pick JAVA_HOME if suitable, else
# the newest JDK >= 21 installed. `jdk=$(find_java <script name>)`; `java_version <java>` prints its major version.
java_version() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }
find_java() {
  local candidate v best="" best_v=0
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    v=$(java_version "$candidate/bin/java")
    [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ] && { best="$candidate"; best_v=$v; }
  done
  [ -n "$best" ] || { echo "$1: no JDK >= 21 found (looked at JAVA_HOME and /usr/lib/jvm); install one" >&2; return 1; }
  echo "$best"
}
