#!/usr/bin/env bash
# cli.sh measures the leads command as a user meets it: it generates N
# Outlook-style rows (bench/gen), imports them with the CLI into the
# embedded file store and, when a PostgreSQL DSN is set, into PostgreSQL,
# then times each everyday command on the big store and on an empty one,
# and prints each figure beside its aim (issue 17) from the same run.
#
#   bench/cli.sh [N]          N rows, default 100000 (the aims are for 1000000)
#   LEADS_BENCH_POSTGRES_DSN=postgres://postgres@127.0.0.1:5432/test?sslmode=disable bench/cli.sh 1000000
#
# Wall time and peak RSS come from /usr/bin/time; nothing runs in parallel.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-100000}"
DSN="${LEADS_BENCH_POSTGRES_DSN:-${LEADS_TEST_POSTGRES_DSN:-}}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

go build -o "$work/leads" ./cmd/leads
go run ./bench/gen -n "$N" > "$work/leads.csv"
echo "rows: $N ($(du -h "$work/leads.csv" | cut -f1)), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"

# run STORE ARGS...: runs the CLI, leaves seconds and peak RSS (MB) in
# $secs and $mb, and the output in $work/out.
run() {
	local store="$1"
	shift
	if ! /usr/bin/time -f "%e %M" -o "$work/time" "$work/leads" --store "$store" "$@" >"$work/out" 2>"$work/err" </dev/null; then
		echo "FAILED: leads $* ($(head -c 300 "$work/err"))" >&2
	fi
	read -r secs kb < <(tail -n1 "$work/time")
	mb=$((kb / 1024))
}

# ratio A B: A / B to one decimal place.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) b = 0.001; printf "%.1f", a / b }'; }

# line NAME SECS MB AIM: one row of the table.
line() { printf "| %-44s | %8s s | %6s MB | %s |\n" "$1" "$2" "$3" "$4"; }

# everyday STORE EMPTY: the commands that touch a few records, on the big
# store and on an empty one of the same kind.
everyday() {
	local big="$1" empty="$2"
	run "$empty" add --name "Empty Store" --email "empty@example.com"
	local eid
	eid="$(head -n1 "$work/out")"
	run "$big" --json list --limit 1
	local id
	id="$(grep -o '"id": *"[0-9a-f-]*"' "$work/out" | head -n1 | sed 's/.*"\([0-9a-f-]*\)"$/\1/' || true)"
	if [ -z "$id" ]; then
		echo "no record in $big: the import failed" >&2
		return
	fi

	for cmd in "show" "duplicates"; do
		run "$empty" $cmd "$eid"
		local e="$secs"
		run "$big" $cmd "$id"
		line "$cmd ID" "$secs" "$mb" "$(ratio "$secs" "$e")x empty ($e s); aim <= 3x, <= 100 MB"
	done
	run "$empty" add --name "Ada Lovelace" --email "ada2@example.com"
	local e="$secs"
	run "$big" add --name "Ada Lovelace" --email "ada@example.com" --company "Initech"
	line "add (duplicate check)" "$secs" "$mb" "$(ratio "$secs" "$e")x empty ($e s); aim <= 3x, <= 100 MB"
	for sort in file_as -stars assigned_to; do
		run "$empty" list --limit 20 --sort "$sort"
		e="$secs"
		run "$big" list --limit 20 --sort "$sort"
		line "list --limit 20 --sort $sort" "$secs" "$mb" "$(ratio "$secs" "$e")x empty ($e s); aim <= 10x"
	done
	for r in "Leads by Score" "Leads by Assigned To" "Leads by Assigned To and Score"; do
		run "$empty" report "$r"
		e="$secs"
		run "$big" report "$r"
		line "report \"$r\"" "$secs" "$mb" "$(ratio "$secs" "$e")x empty ($e s)"
	done
	run "$big" export "$work/export.csv"
	line "export CSV" "$secs" "$mb" ""
}

# The ceiling of the in-memory import: the package benchmark on a file of
# the same shape.
mem_rate="$(go test -run '^$' -bench '^BenchmarkImport$' -benchtime 1x ./importexport/csvfile 2>/dev/null | grep -o '[0-9.e+]* rows/s' | head -n1 | cut -d' ' -f1 || true)"

echo
echo "## file store"
echo
line "what" "wall" "RSS" "beside"
echo "|---|---|---|---|"
run "$work/big.db" import "$work/leads.csv"
rate=$(awk -v n="$N" -v s="$secs" 'BEGIN { printf "%.0f", n / (s > 0 ? s : 0.001) }')
line "import $N rows" "$secs" "$mb" "$rate rows/s; in-memory benchmark ${mem_rate:-?} rows/s; aim >= 50 %, RSS <= 1 GB"
everyday "$work/big.db" "$work/empty.db"

if [ -n "$DSN" ]; then
	schema="leads_bench_$$"
	psql "$DSN" -qc "CREATE SCHEMA $schema; CREATE SCHEMA ${schema}_empty; CREATE TABLE $schema.copy_ceiling (c1 text, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text, c8 text, c9 text, c10 text, c11 text, c12 text, c13 text)" >/dev/null
	trap 'psql "$DSN" -qc "DROP SCHEMA $schema CASCADE; DROP SCHEMA ${schema}_empty CASCADE" >/dev/null 2>&1; rm -rf "$work"' EXIT
	sep='?'
	case "$DSN" in *\?*) sep='&' ;; esac
	big="$DSN${sep}search_path=$schema"
	empty="$DSN${sep}search_path=${schema}_empty"
	start=$(date +%s.%N)
	psql "$DSN" -qc "\\copy $schema.copy_ceiling FROM '$work/leads.csv' WITH (FORMAT csv, HEADER true)" >/dev/null
	copy=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
	echo
	echo "## PostgreSQL"
	echo
	line "what" "wall" "RSS" "beside"
	echo "|---|---|---|---|"
	run "$big" import "$work/leads.csv"
	line "import $N rows" "$secs" "$mb" "psql \\copy of the same file $copy s; aim <= 2x ($(ratio "$secs" "$copy")x), RSS <= 1 GB"
	everyday "$big" "$empty"
fi
