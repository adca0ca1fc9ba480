#!/usr/bin/env bash
# Checks the compile-only Jenkins API (this module) against the real Jenkins and plugin sources, at exactly the
# versions the .hpi declares, with the shared jenkins-api-check tool.
#
#   build-support/jenkins-api/check-api.sh --extract [SRC_DIR]   # first time: fetch the real sources into SRC_DIR
#   build-support/jenkins-api/check-api.sh [SRC_DIR]             # check (SUMMARY and DETAILS lines)
#
# SRC_DIR (default ${TMPDIR:-/tmp}/jsrc-api) holds the real sources, one folder per repository (SOURCES below). Real
# sources only ever go outside the repository: never copy them in.
#
# --extract takes each repository at its tag, one of two ways:
#   - by default, a shallow fetch of just that tag from JENKINS_API_GIT_BASE (default https://github.com/) into a
#     temporary bare repository; an internal mirror of GitHub works the same
#     (JENKINS_API_GIT_BASE=https://git.factory.example/github/);
#   - with JENKINS_API_MIRROR=DIR (optional), from bare repositories already on disk, no network: for jenkinsci/jenkins
#     DIR/jenkinsci/jenkins.git (git clone --mirror https://github.com/jenkinsci/jenkins.git DIR/jenkinsci/jenkins.git)
#     or DIR/jenkinsci+jenkins/repo.
# then `git archive TAG SOURCE_ROOT | tar -x` into SRC_DIR/FOLDER.
#
# The tool: $JENKINS_API_CHECK, else tools/jenkins-api-check/check.sh of the steering repository's shared/ folder
# checked out beside this repository (../shared). The API jar is built first (./mvnw -pl build-support/jenkins-api
# package); its dependencies (SezPoz, Stapler, Spring Security) are passed as the extra classpath. Prints the tool's
# "SUMMARY errors=N warnings=M" line, then src/check/java/SignatureDetailsCheck.java's "DETAILS errors=N" line
# (generics, throws, constant values, which the tool does not compare); exits non-zero when either reports an error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

# The real sources, once: folder in SRC_DIR, GitHub repository, tag, source root inside it.
# symbol: org.jenkinsci.Symbol, the version jenkins-2.479.3's bom/pom.xml ships; script: @Whitelisted;
# junit: hudson.tasks.test.*, an optional dependency of the plugin; mailer: Mailer.UserProperty (e-mail user
# mapping of ChatOps), another optional one.
SOURCES=(
  "jenkins  jenkinsci/jenkins                    jenkins-2.479.3         core/src/main/java"
  "wsa      jenkinsci/workflow-step-api-plugin   704.ve4f0967e98fa_      src/main/java"
  "cred     jenkinsci/credentials-plugin         1415.v831096eb_5534     src/main/java"
  "plain    jenkinsci/plain-credentials-plugin   199.v9f8e1f741799       src/main/java"
  "structs  jenkinsci/structs-plugin             350.v3b_30f09f2363      src/main/java"
  "symbol   jenkinsci/lib-symbol-annotation      symbol-annotation-1.24  src/main/java"
  "script   jenkinsci/script-security-plugin     1369.v9b_98a_4e95b_2d   src/main/java"
  "junit    jenkinsci/junit-plugin               1312.v1a_235a_b_94a_31  src/main/java"
  "mailer   jenkinsci/mailer-plugin              489.vd4b_25144138f      src/main/java"
)

usage() { sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; }
extract=false
case "${1:-}" in
  --extract) extract=true; shift ;;
  -h|--help) usage; exit 0 ;;
  -*) usage >&2; exit 2 ;;
esac
src=${1:-${TMPDIR:-/tmp}/jsrc-api}
git_base=${JENKINS_API_GIT_BASE:-https://github.com/}
git_base=${git_base%/}/
mirror=${JENKINS_API_MIRROR:-}

tool=${JENKINS_API_CHECK:-$root/../shared/tools/jenkins-api-check/check.sh}
if [ ! -x "$tool" ]; then
  echo "check-api.sh: no jenkins-api-check tool at $tool." >&2
  echo "  Check out the steering repository's shared/ folder beside this repository (../shared), or set" >&2
  echo "  JENKINS_API_CHECK=/path/to/jenkins-api-check/check.sh." >&2
  exit 2
fi

# The bare repository holding $1 (owner/name) at tag $2: a local mirror, or a temporary one with just that tag fetched.
git_dir_for() {
  local repo=$1 tag=$2 candidate dir
  if [ -n "$mirror" ]; then
    for candidate in "$mirror/$repo.git" "$mirror/${repo/\//+}/repo"; do
      if [ -d "$candidate" ]; then
        echo "$candidate"
        return 0
      fi
    done
    echo "check-api.sh: no bare repository of $repo in JENKINS_API_MIRROR=$mirror" \
      "(looked for $mirror/$repo.git and $mirror/${repo/\//+}/repo)" >&2
    return 1
  fi
  dir="$fetched/${repo/\//+}.git"
  git init -q --bare "$dir"
  echo "check-api.sh: fetching $git_base$repo.git tag $tag" >&2
  git --git-dir="$dir" fetch -q --depth 1 "$git_base$repo.git" "refs/tags/$tag:refs/tags/$tag" >&2
  echo "$dir"
}

if $extract; then
  fetched=$(mktemp -d)
  trap 'rm -rf "$fetched"' EXIT
fi
roots=()
for line in "${SOURCES[@]}"; do
  read -r dir repo tag path _ <<<"$line"
  if $extract; then
    git_dir=$(git_dir_for "$repo" "$tag")
    rm -rf "${src:?}/$dir" && mkdir -p "$src/$dir"
    git --git-dir="$git_dir" archive "$tag" "$path" | tar -x -C "$src/$dir"
  fi
  if [ ! -d "$src/$dir/$path" ]; then
    echo "check-api.sh: missing $src/$dir/$path (run with --extract)" >&2
    exit 2
  fi
  roots+=("$src/$dir/$path")
done
if $extract; then
  rm -rf "$fetched"
  trap - EXIT
fi

cd "$root"
./mvnw -B -q -pl build-support/jenkins-api package -DskipTests
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q -pl build-support/jenkins-api dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=compile
status=0
"$tool" build-support/jenkins-api/target/jenkins-api.jar "$(cat "$cp_file")" "${roots[@]}" || status=$?

# What the shared tool does not compare (it works on erasures): type parameters and bounds, generic parameter and
# return types, checked exceptions and constant values, source against source. Uses the JavaParser the tool uses
# (which it fetched into ~/.m2 on its first run).
jp_version=3.26.4
jp="$HOME/.m2/repository/com/github/javaparser/javaparser-core/$jp_version/javaparser-core-$jp_version.jar"
if [ ! -f "$jp" ]; then
  ./mvnw -B -q -N dependency:get -Dartifact="com.github.javaparser:javaparser-core:$jp_version" -Dtransitive=false
fi
java -cp "$jp" "$here/src/check/java/SignatureDetailsCheck.java" "$here/src/main/java" "${roots[@]}" || status=$?
exit $status
