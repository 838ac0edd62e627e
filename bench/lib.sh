# Shared by the role benches (bench/roles.sh, bench/control_plane.sh; sourced, not run). The caller defines `oc`
# (the CLI on its config dir), `started` (name and start time of its containers), `fail` and `$dir` (the logs).

declare -A times  # "MODE/PHASE" -> the recorded milliseconds, space-separated

# recap N LOG: field N of the play recap's localhost line (1 = ok, 2 = changed).
recap() { sed -n "s/^localhost *: ok=\([0-9]*\) *changed=\([0-9]*\).*/\\$1/p" "$2"; }

# phase MODE NAME EXPECT ARGS...: runs the CLI, checks the changed count (EXPECT: 0 or +), records seconds.
phase() {
    local mode=$1 name=$2 expect=$3 start end changed
    shift 3
    start=${EPOCHREALTIME/./}
    oc "$@" -e service_check_containers_mode="$mode" >"$dir/$mode-$name.log" 2>&1 || fail "$mode $name failed: $dir/$mode-$name.log"
    end=${EPOCHREALTIME/./}
    changed=$(recap 2 "$dir/$mode-$name.log")
    if [[ $expect == 0 && $changed != 0 ]] || [[ $expect == + && $changed == 0 ]]; then
        fail "$mode $name: changed=$changed, expected $expect ($dir/$mode-$name.log)"
    fi
    times[$mode/$name]+="$(((end - start) / 1000)) "
}

# restarted_since BEFORE: the containers (sorted, space-separated) whose start time differs from BEFORE (`started`).
restarted_since() { { diff <(echo "$1") <(started) || true; } | sed -n 's/^> \/\([^ ]*\) .*/\1/p' | sort | tr '\n' ' '; }

# median of the millisecond values on stdin, in seconds.
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)] / 1000}'; }
