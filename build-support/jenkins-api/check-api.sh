#!/usr/bin/env bash
# Checks the compile-only Jenkins API (this module) against the real Jenkins and plugin sources with
# ../shared/tools/jenkins-api-check/check.sh, at exactly the versions the .hpi declares.
#
#   build-support/jenkins-api/check-api.sh [--extract] [SRC_DIR]
#
# SRC_DIR (default /tmp/jsrc-api) holds the real sources, one folder per repository:
#   jenkins/  jenkinsci/jenkins                      tag jenkins-2.479.3          (core/src/main/java)
#   wsa/      jenkinsci/workflow-step-api-plugin     tag 704.ve4f0967e98fa_       (src/main/java)
#   cred/     jenkinsci/credentials-plugin           tag 1415.v831096eb_5534      (src/main/java)
#   plain/    jenkinsci/plain-credentials-plugin     tag 199.v9f8e1f741799        (src/main/java)
#   structs/  jenkinsci/structs-plugin               tag 350.v3b_30f09f2363       (src/main/java)
#   symbol/   jenkinsci/lib-symbol-annotation        tag symbol-annotation-1.24   (src/main/java; org.jenkinsci.Symbol,
#             the version jenkins-2.479.3's bom/pom.xml ships)
#   script/   jenkinsci/script-security-plugin       tag 1369.v9b_98a_4e95b_2d    (src/main/java; @Whitelisted)
#   junit/    jenkinsci/junit-plugin                 tag 1312.v1a_235a_b_94a_31   (src/main/java; hudson.tasks.test.*, an
#             optional dependency of the plugin)
# --extract fills SRC_DIR from bare mirrors of those repositories (the search library's `fetch` puts them in
# /work/.mirror/<owner>+<name>/repo; set MIRROR to use another folder) with `git archive`. Real sources are only
# ever extracted outside the repository: never copy them in.
#
# The API jar is built first (./mvnw -pl build-support/jenkins-api package); its dependencies (SezPoz, Stapler,
# Spring Security) are passed as the extra classpath. Prints the shared tool's "SUMMARY errors=N warnings=M" line,
# then src/check/java/SignatureDetailsCheck.java's "DETAILS errors=N" line (generics, throws, constant values, which
# the shared tool does not compare); exits non-zero when either reports an error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tool=${JENKINS_API_CHECK:-$root/../shared/tools/jenkins-api-check/check.sh}
[ -x "$tool" ] || tool=/work/shared/tools/jenkins-api-check/check.sh

extract=false
if [ "${1:-}" = "--extract" ]; then extract=true; shift; fi
src=${1:-/tmp/jsrc-api}
mirror=${MIRROR:-/work/.mirror}

# folder  repository                            tag                       source root inside it
sources=(
  "jenkins jenkinsci+jenkins                    jenkins-2.479.3         core/src/main/java"
  "wsa     jenkinsci+workflow-step-api-plugin   704.ve4f0967e98fa_      src/main/java"
  "cred    jenkinsci+credentials-plugin         1415.v831096eb_5534     src/main/java"
  "plain   jenkinsci+plain-credentials-plugin   199.v9f8e1f741799       src/main/java"
  "structs jenkinsci+structs-plugin             350.v3b_30f09f2363      src/main/java"
  "symbol  jenkinsci+lib-symbol-annotation      symbol-annotation-1.24  src/main/java"
  "script  jenkinsci+script-security-plugin     1369.v9b_98a_4e95b_2d   src/main/java"
  "junit   jenkinsci+junit-plugin               1312.v1a_235a_b_94a_31  src/main/java"
)

roots=()
for line in "${sources[@]}"; do
  read -r dir repo tag path <<<"$line"
  if $extract; then
    rm -rf "${src:?}/$dir" && mkdir -p "$src/$dir"
    git --git-dir="$mirror/$repo/repo" archive "$tag" "$path" | tar -x -C "$src/$dir"
  fi
  [ -d "$src/$dir/$path" ] || { echo "missing $src/$dir/$path (run with --extract)" >&2; exit 2; }
  roots+=("$src/$dir/$path")
done

cd "$root"
./mvnw -B -q -pl build-support/jenkins-api package -DskipTests
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q -pl build-support/jenkins-api dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=compile
status=0
"$tool" build-support/jenkins-api/target/jenkins-api.jar "$(cat "$cp_file")" "${roots[@]}" || status=$?

# What the shared tool does not compare (it works on erasures): type parameters and bounds, generic parameter and
# return types, checked exceptions and constant values, source against source. Uses the tool's JavaParser jar.
jp=$(ls "$HOME"/.m2/repository/com/github/javaparser/javaparser-core/3.26.4/javaparser-core-3.26.4.jar)
java -cp "$jp" "$here/src/check/java/SignatureDetailsCheck.java" "$here/src/main/java" "${roots[@]}" || status=$?
exit $status
