# Copyright: overcloud.containers maintainers
# Licensed under the Apache License, Version 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Kolla-Ansible 23's scenario with Kolla's modules and with ours, interleaved rounds, local and SSH.

Runs inside Tests/kolla_dropin/run.sh's set-up (bench/kolla_dropin.sh starts it). Every round runs the
whole scenario (Tests/kolla_dropin/kolla_scenario.py SCENARIOS, from nothing) once per mode, the order
alternating; every phase is checked to report the same changed tasks in both modes. Prints a Markdown
table: median wall time per phase and mode, the ratio, the bound on that ratio (Kolla's wall time without
its replaced-module tasks: the ratio if ours took no time at all), and the time per item of the tasks that
run the replaced modules (kolla_container, kolla_container_facts, merge_configs, merge_yaml), from the
kolla_stats callback: "busy" (the task's start to its last result) and, for comparison with earlier tables,
"to next" (to the next task's start: the last task of a play also carries the start of the following plays).

    python bench/kolla_dropin.py [ROUNDS] [CONNECTIONS] [SCENARIO]     defaults: 2, local,ssh, memcached
"""

from __future__ import annotations

import json
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Tests', 'kolla_dropin'))

import kolla_scenario as ks  # noqa: E402

REPLACED = ('kolla_container', 'kolla_container_facts', 'merge_configs', 'merge_yaml')


def module_tasks(result, key: str) -> list:
    """Seconds per item (``key``: 'busy' or 'seconds') of every task that ran a replaced module, handlers included."""
    return [t[key] / max(t['items'] - t['skipped'], 1) for t in result.tasks
            if t['action'] in REPLACED and t['items'] > t['skipped']]


def replaced_busy(result) -> float:
    """The seconds a phase spent in tasks that ran a replaced module (their busy time)."""
    return sum(t['busy'] for t in result.tasks if t['action'] in REPLACED)


def ssh_settings() -> dict:
    sshd = os.environ['OC_KOLLA_SSHD_DIR']
    with open(os.path.join(sshd, 'port')) as handle:
        port = handle.read().strip()
    return {'dir': sshd, 'port': port, 'user': os.environ.get('OC_SSHD_TEST_USER', 'oc-fastpath'),
            'key': os.path.join(sshd, 'id_ed25519')}


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    connections = (sys.argv[2] if len(sys.argv) > 2 else 'local,ssh').split(',')
    scenario = sys.argv[3] if len(sys.argv) > 3 else 'memcached'
    phases = ks.SCENARIOS[scenario].phases
    # (connection, mode, round, phase, seconds, [busy per item], [to next per item], replaced busy seconds)
    rows = []
    for connection in connections:
        deployment = ks.Deployment('bench-%s-%s' % (scenario, connection), ssh=ssh_settings() if connection == 'ssh' else None,
                                   scenario=scenario)
        for round_no in range(rounds):
            order = ks.MODES if round_no % 2 == 0 else tuple(reversed(ks.MODES))
            changed = {}
            for mode in order:
                deployment.reset()
                for phase, args in phases:
                    result = deployment.run(mode, phase, args)
                    if result.rc != 0:
                        print('%s %s %s failed:\n%s' % (connection, mode, phase, result.output[-4000:]), file=sys.stderr)
                        return 1
                    changed[(mode, phase)] = result.changed_tasks()
                    rows.append((connection, mode, round_no, phase, result.seconds, module_tasks(result, 'busy'),
                                 module_tasks(result, 'seconds'), replaced_busy(result)))
                    with open(os.path.join(ks.WORK, 'bench-rows-%s.json' % scenario), 'w') as handle:
                        json.dump(rows, handle)  # after every phase: a cut-short run still has its rows
                    print('[bench] %s round %d %s %-12s %6.1f s' % (connection, round_no + 1, mode, phase, result.seconds),
                          file=sys.stderr, flush=True)
            for phase, _args in phases:
                if changed[('kolla', phase)] != changed[('ours', phase)]:
                    print('%s %s: changed tasks differ: %s' % (connection, phase, changed), file=sys.stderr)
                    return 1
    print(table(rows, connections, [p for p, _a in phases]))
    return 0


def table(rows: list, connections: list, phases: list) -> str:
    med = statistics.median
    ms = lambda v: '%.0f' % (v * 1000) if v is not None else '–'  # noqa: E731
    ratio = lambda a, b: '%.2f' % (a / b) if a and b else '–'  # noqa: E731
    lines = ['| connection | phase | Kolla s | ours s | ours/Kolla | bound | Kolla module task ms | ours module task ms '
             '| per task | per task (to next) |',
             '|---|---|---|---|---|---|---|---|---|---|']
    for connection in connections:
        for phase in phases + ['whole scenario']:
            cells = {}
            for mode in ks.MODES:
                mine = [r for r in rows if r[0] == connection and r[1] == mode]
                if phase == 'whole scenario':
                    per_round = {}
                    for r in mine:
                        per_round.setdefault(r[2], []).append(r)
                    # Rounds that ran every phase, summed into one row each.
                    picked = [(sum(r[4] for r in rs), [t for r in rs for t in r[5]], [t for r in rs for t in r[6]],
                               sum(r[7] for r in rs)) for rs in per_round.values() if len(rs) == len(phases)]
                else:
                    picked = [(r[4], r[5], r[6], r[7]) for r in mine if r[3] == phase]
                if not picked:
                    break
                busy = [t for p in picked for t in p[1]]
                to_next = [t for p in picked for t in p[2]]
                cells[mode] = {'wall': med([p[0] for p in picked]), 'replaced': med([p[3] for p in picked]),
                               'busy': med(busy) if busy else None, 'next': med(to_next) if to_next else None}
            if len(cells) < len(ks.MODES):
                continue
            kolla, ours = cells['kolla'], cells['ours']
            lines.append('| %s | %s | %.1f | %.1f | %.2f | %.2f | %s | %s | %s | %s |' % (
                connection, phase, kolla['wall'], ours['wall'], ours['wall'] / kolla['wall'],
                (kolla['wall'] - kolla['replaced']) / kolla['wall'], ms(kolla['busy']), ms(ours['busy']),
                ratio(ours['busy'], kolla['busy']), ratio(ours['next'], kolla['next'])))
    return '\n'.join(lines)


if __name__ == '__main__':
    if sys.argv[1:2] == ['--table']:  # the table of a saved bench-rows.json: --table FILE [CONNECTIONS [SCENARIO]]
        with open(sys.argv[2]) as handle:
            saved = json.load(handle)
        print(table(saved, (sys.argv[3] if len(sys.argv) > 3 else 'local,ssh').split(','),
                    [p for p, _a in ks.SCENARIOS[sys.argv[4] if len(sys.argv) > 4 else 'memcached'].phases]))
        sys.exit(0)
    sys.exit(main())
