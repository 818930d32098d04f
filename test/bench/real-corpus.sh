#!/usr/bin/env bash
# test/bench/real-corpus.sh MIRROR_DIR [OUT_DIR]
#
# Materialises the bench's real corpus: 14 public repositories at the commits pinned below, side
# by side in OUT_DIR (default test/bench/.real-corpus, gitignored), ~110,000 files. `npm run
# bench` measures it next to the generated corpus when it is there (see README.md, "The real
# corpus").
#
# MIRROR_DIR holds git clones or mirrors of the repositories, found as any of
# <owner>+<name>/repo (the layout of the workplace's snapshot store), <owner>+<name>[.git],
# <owner>/<name>[.git] or <name>[.git]. Nothing is fetched: a missing commit is reported with the
# command that fetches it.
#
# Each project is checked out from a throw-away index (`git read-tree` + `git checkout-index`),
# so no project has a `.git` of its own and none of their history is copied. OUT_DIR itself is
# made one git work tree holding the 14 projects as top-level folders (a monorepo), with an index
# of every file and one commit of that tree, so that:
#   - ripgrep applies the .gitignore files (it applies them only inside a git repository), and
#     exactly the same ones Paydown applies: every project's nested .gitignore files, each
#     relative to its own folder, as in the project's own checkout;
#   - Paydown's re-scan asks git what changed, as in a user's checkout (gitIndex.ts).
# The commit is made without the file contents (`write-tree --missing-ok`): `git status` and
# `git diff` compare stat data and hashes, and never need a blob; only trees are stored.
#
# Files of 4 MiB and more are left out (the snapshot store has none of them; leaving them out
# of every copy keeps the corpus the same whatever the clones) and listed in the stamp.
# The corpus is rebuilt when the pinned list changes (stamp `.git/paydown-real-corpus`, written
# last), and is otherwise left as it is.
set -euo pipefail

# folder  owner/name  commit — change a commit here, and the next run rebuilds the corpus.
REPOS=(
  "babel            babel/babel                        1da3cfa1a25503c7ecba7304f8738933e6d16dca"
  "duckdb           duckdb/duckdb                      044a04a7cd39e6e8235f756597ae42dde084e5e5"
  "symfony          symfony/symfony                    5feb7493c372384d78b4931bb76f73c83f49f50e"
  "spring-framework spring-projects/spring-framework   91eb42645e26a7ef9382b4a655bcefe5c8682fee"
  "ruff             astral-sh/ruff                     fca5c7cf2cd2f8338f18b9485f936b8e9f07bd0b"
  "prettier         prettier/prettier                  4f84a934201322ca87750e2b9b25baf296da6560"
  "rails            rails/rails                        2a2db1e8d6d104ee0611efcae7eb023af65cff34"
  "git              git/git                            1a3e64c6c4a623626ff0687008732a8e007e2a1c"
  "curl             curl/curl                          5c61e168698a72b87437d58ed728bcdea6d5db42"
  "golang-tools     golang/tools                       8f0f8c7bde0eea32e01e570a0e330c60a0cbaecc"
  "mypy             python/mypy                        8b3e7d8b9f63543374e53d1c389ea443dd65bc46"
  "prometheus       prometheus/prometheus              d15adb9ad7e5d9fbde3a9a8f30200593a5a14d86"
  "redis            redis/redis                        4f8cdc2a1ea53e42955af758aabffee67cb455dd"
  "vue-core         vuejs/core                         e2bede96134f757aad5c5b33ac9be055022dbfc8"
)
MAX_BYTES=$((4 * 1024 * 1024))
FORMAT=1

here=$(cd "$(dirname "$0")" && pwd)
if [[ $# -lt 1 || $# -gt 2 || $1 == -h || $1 == --help ]]; then
  echo "usage: $0 MIRROR_DIR [OUT_DIR]   (OUT_DIR defaults to $here/.real-corpus)" >&2
  exit 2
fi
mirrors=$(cd "$1" && pwd)
out=${2:-$here/.real-corpus}
stamp="$out/.git/paydown-real-corpus"

pinned=$(printf 'format %s\nmax-bytes %s\n' "$FORMAT" "$MAX_BYTES"; printf '%s\n' "${REPOS[@]}" | awk '{print $1, $2, $3}')
if [[ -f $stamp ]] && [[ $(sed -n '/^# excluded/q;p' "$stamp") == "$pinned" ]]; then
  echo "real corpus up to date: $out"
  exit 0
fi

# The git directory of owner/name under MIRROR_DIR.
find_git_dir() {
  local owner=${1%%/*} name=${1#*/} c
  for c in "$mirrors/$owner+$name/repo" "$mirrors/$owner+$name.git" "$mirrors/$owner+$name" \
    "$mirrors/$owner/$name.git" "$mirrors/$owner/$name" "$mirrors/$name.git" "$mirrors/$name"; do
    if [[ -d $c ]] && git -C "$c" rev-parse --git-dir >/dev/null 2>&1; then
      (cd "$c" && cd "$(git rev-parse --git-dir)" && pwd)
      return 0
    fi
  done
  return 1
}

# Check every source before touching OUT_DIR.
declare -A gitdirs
for line in "${REPOS[@]}"; do
  read -r folder repo commit <<<"$line"
  if ! dir=$(find_git_dir "$repo"); then
    echo "real-corpus: no clone of $repo under $mirrors (tried <owner>+<name>/repo, <owner>/<name>.git, <name>.git, …)" >&2
    exit 1
  fi
  if ! git --git-dir="$dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "real-corpus: $repo has no commit $commit; fetch it: git --git-dir=$dir fetch origin $commit" >&2
    exit 1
  fi
  gitdirs[$folder]=$dir
done

# Only a folder this script made (or an empty one) is replaced.
if [[ -e $out ]]; then
  if [[ -d $out/.git && -f $out/.git/paydown-real-corpus-owner ]] || [[ -z $(ls -A "$out" 2>/dev/null) ]]; then
    rm -rf "$out"
  else
    echo "real-corpus: $out exists and was not made by this script; remove it or pass another OUT_DIR" >&2
    exit 1
  fi
fi
mkdir -p "$out"
git -c init.defaultBranch=main init -q "$out"
: >"$out/.git/paydown-real-corpus-owner"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
excluded="$work/excluded"
: >"$excluded"
: >"$work/entries"
export GIT_AUTHOR_NAME=Paydown GIT_AUTHOR_EMAIL=bench@paydown.dev GIT_COMMITTER_NAME=Paydown GIT_COMMITTER_EMAIL=bench@paydown.dev
export GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' GIT_COMMITTER_DATE='2026-01-01T00:00:00Z'

for line in "${REPOS[@]}"; do
  read -r folder repo commit <<<"$line"
  dir=${gitdirs[$folder]}
  index="$work/$folder.index"
  big="$work/$folder.big"
  # Files too big for the snapshot store (there, their size reads BAD: no object): out of both indexes.
  git --git-dir="$dir" ls-tree -r -l -z --full-tree "$commit" |
    perl -0 -ne 'print "$2\0" if /^\d+ blob \S+ +(\d+|BAD)\t(.*)\0$/s && ($1 eq "BAD" || $1 >= '"$MAX_BYTES"')' >"$big"
  GIT_INDEX_FILE=$index git --git-dir="$dir" read-tree "$commit"
  GIT_INDEX_FILE=$index git --git-dir="$dir" --work-tree="$work" update-index -z --force-remove --stdin <"$big"
  (cd "$out" && GIT_INDEX_FILE=$index git --git-dir="$dir" --work-tree="$out" checkout-index -a -f --prefix="$folder/")
  # The corpus's own index: the same entries under the project's folder (no object is looked up).
  GIT_INDEX_FILE=$index git --git-dir="$dir" ls-files -s -z | perl -0 -pe "s|\t|\t$folder/|" >>"$work/entries"
  tr '\0' '\n' <"$big" | sed "s|^|$folder/|" >>"$excluded"
  files=$(GIT_INDEX_FILE=$index git --git-dir="$dir" ls-files | wc -l)
  printf '  %-17s %-34s %s  %6d files\n' "$folder" "$repo" "${commit:0:12}" "$files"
done

# The index, stat data for every entry (--index-info leaves it empty), then one commit of the
# tree. No blob is written: the index names them, and status and diff compare hashes of the work
# tree. A file whose checkout differs from its blob (an eol attribute on a file committed with
# other line endings) is added as it is on disk, so that the commit describes the work tree.
git -C "$out" update-index -z --index-info <"$work/entries"
git -C "$out" update-index -q --refresh >/dev/null || true
git -C "$out" diff-files --name-only -z | (cd "$out" && git update-index -z --add --stdin)
tree=$(git -C "$out" write-tree --missing-ok)
head=$(git -C "$out" commit-tree "$tree" -m "Paydown bench: real corpus")
git -C "$out" update-ref HEAD "$head"
if [[ -n $(git -C "$out" status --porcelain --untracked-files=no) ]]; then
  echo "real-corpus: git status of $out is not clean after the checkout" >&2
  git -C "$out" status --short --untracked-files=no | head >&2
  exit 1
fi
total=$(git -C "$out" ls-files | wc -l)
{
  echo "$pinned"
  echo "# excluded (>= $MAX_BYTES bytes)"
  cat "$excluded"
} >"$stamp.tmp"
mv "$stamp.tmp" "$stamp"
echo "real corpus: $total files in $out ($(wc -l <"$excluded") files of 4 MiB or more left out)"
