# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Kolla-Ansible 23's scenario with Kolla's modules and with ours, interleaved rounds, local and SSH.

Runs inside Tests/kolla_dropin/run.sh's set-up (bench/kolla_dropin.sh starts it). Every round runs the
whole scenario (Tests/kolla_dropin/kolla_scenario.py PHASES, from nothing) once per mode, the order
alternating; every phase is checked to report the same changed tasks in both modes. Prints a Markdown
table: median wall time per phase and mode, the ratio, and the time of the tasks that run the replaced
modules (kolla_container, kolla_container_facts, merge_configs, merge_yaml) per task.

    python bench/kolla_dropin.py [ROUNDS] [CONNECTIONS]      defaults: 2, local,ssh
"""

from __future__ import annotations

import json
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Tests', 'kolla_dropin'))

import kolla_scenario as ks  # noqa: E402

REPLACED = ('kolla_container', 'kolla_container_facts', 'merge_configs', 'merge_yaml')


def module_tasks(result) -> list:
    """(seconds per item) of every task that ran a replaced module, handlers included."""
    return [t['seconds'] / max(t['items'] - t['skipped'], 1) for t in result.tasks
            if t['action'] in REPLACED and t['items'] > t['skipped']]


def ssh_settings() -> dict:
    sshd = os.environ['OC_KOLLA_SSHD_DIR']
    with open(os.path.join(sshd, 'port')) as handle:
        port = handle.read().strip()
    return {'dir': sshd, 'port': port, 'user': os.environ.get('OC_SSHD_TEST_USER', 'oc-fastpath'),
            'key': os.path.join(sshd, 'id_ed25519')}


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    connections = (sys.argv[2] if len(sys.argv) > 2 else 'local,ssh').split(',')
    rows = []  # (connection, mode, round, phase, seconds, [module task seconds])
    for connection in connections:
        deployment = ks.Deployment('bench-' + connection, ssh=ssh_settings() if connection == 'ssh' else None)
        for round_no in range(rounds):
            order = ks.MODES if round_no % 2 == 0 else tuple(reversed(ks.MODES))
            changed = {}
            for mode in order:
                deployment.reset()
                for phase, args in ks.PHASES:
                    result = deployment.run(mode, phase, args)
                    if result.rc != 0:
                        print('%s %s %s failed:\n%s' % (connection, mode, phase, result.output[-4000:]), file=sys.stderr)
                        return 1
                    changed[(mode, phase)] = result.changed_tasks()
                    rows.append((connection, mode, round_no, phase, result.seconds, module_tasks(result)))
                    with open(os.path.join(ks.WORK, 'bench-rows.json'), 'w') as handle:
                        json.dump(rows, handle)  # after every phase: a cut-short run still has its rows
                    print('[bench] %s round %d %s %-12s %6.1f s' % (connection, round_no + 1, mode, phase, result.seconds),
                          file=sys.stderr, flush=True)
            for phase, _args in ks.PHASES:
                if changed[('kolla', phase)] != changed[('ours', phase)]:
                    print('%s %s: changed tasks differ: %s' % (connection, phase, changed), file=sys.stderr)
                    return 1
    print(table(rows, connections))
    return 0


def table(rows: list, connections: list) -> str:
    med = statistics.median
    lines = ['| connection | phase | Kolla s | ours s | ours/Kolla | Kolla module task ms | ours module task ms | per task |',
             '|---|---|---|---|---|---|---|---|']
    for connection in connections:
        for phase, _args in ks.PHASES + (('whole scenario', None),):
            cells = {}
            for mode in ks.MODES:
                if phase == 'whole scenario':
                    per_round = {}
                    for c, m, r, _p, s, tasks in rows:
                        if c == connection and m == mode:
                            secs, all_tasks, count = per_round.get(r, (0.0, [], 0))
                            per_round[r] = (secs + s, all_tasks + tasks, count + 1)
                    complete = [v for v in per_round.values() if v[2] == len(ks.PHASES)]  # rounds that ran every phase
                    wall = med([s for s, _t, _n in complete]) if complete else None
                    tasks = [t for _s, ts, _n in complete for t in ts]
                else:
                    picked = [(s, t) for c, m, _r, p, s, t in rows if c == connection and m == mode and p == phase]
                    wall = med([s for s, _t in picked]) if picked else None
                    tasks = [t for _s, ts in picked for t in ts]
                cells[mode] = (wall, med(tasks) * 1000 if tasks else None)
            kolla, ours = cells['kolla'], cells['ours']
            if kolla[0] is None or ours[0] is None:
                continue
            task_ratio = '%.2f' % (ours[1] / kolla[1]) if kolla[1] and ours[1] else '–'
            fmt = lambda v: '%.0f' % v if v is not None else '–'  # noqa: E731
            lines.append('| %s | %s | %.1f | %.1f | %.2f | %s | %s | %s |' % (
                connection, phase, kolla[0], ours[0], ours[0] / kolla[0], fmt(kolla[1]), fmt(ours[1]), task_ratio))
    return '\n'.join(lines)


if __name__ == '__main__':
    if sys.argv[1:2] == ['--table']:  # the table of a saved bench-rows.json: --table FILE [CONNECTIONS]
        with open(sys.argv[2]) as handle:
            saved = json.load(handle)
        print(table(saved, (sys.argv[3] if len(sys.argv) > 3 else 'local,ssh').split(',')))
        sys.exit(0)
    sys.exit(main())
