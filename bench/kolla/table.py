#!/usr/bin/env python3
"""The table of bench/kolla_lifecycle.sh: hyperfine medians per phase for Kolla's kolla_container
(pipelined and not), ours in the harness's loop, ours in bulk and Ansible's ping floor; per-item
milliseconds; the ratios and the two targets of issue 3.

  table.py N OCB_DIR PEER_KOLLA_DIR [label=runs ...]
"""
import json
import os
import statistics
import sys

def paired(n, ocb):
    """The paired check table (alternating runs) from paired-check-N.tsv."""
    path = f'{ocb}/paired-check-{n}.tsv'
    if not os.path.exists(path):
        return
    t = {}
    for line in open(path):
        _, c, ms = line.split()
        t.setdefault(c, []).append(int(ms) / 1000)
    m = {c: statistics.median(v) for c, v in t.items()}
    names = {'python': 'Kolla 23 check, pipelined', 'python-nopipe': 'Kolla 23 check, not pipelined',
             'swift-bulk': 'ours, bulk check (1 task)', 'ping': '30 × ping, pipelined', 'ping-nopipe': '30 × ping, not pipelined'}
    rounds = max(len(v) for v in t.values())
    print(f'Paired check ({rounds} rounds, the five commands alternating, wall s; median and all runs):')
    print()
    print('| command | median s | runs s | Kolla check (pipelined) ÷ this | Kolla check (not pipelined) ÷ this |')
    print('|---|---|---|---|---|')
    for c in ('python', 'python-nopipe', 'swift-bulk', 'ping', 'ping-nopipe'):
        if c in m:
            print(f"| {names[c]} | {m[c]:.2f} | {', '.join(f'{x:.2f}' for x in t[c])} "
                  f"| {m['python'] / m[c]:.1f}× | {m['python-nopipe'] / m[c]:.1f}× |")
    b = m.get('swift-bulk')
    if b:
        print()
        print(f"- bulk check target (≥ 10×), paired: {m['python'] / b:.1f}× against Kolla pipelined, "
              f"{m['python-nopipe'] / b:.1f}× against Kolla not pipelined")
    print()


if sys.argv[1] == '--paired':
    paired(int(sys.argv[2]), sys.argv[3])
    sys.exit(0)
n = int(sys.argv[1])
ocb, kd = sys.argv[2], sys.argv[3]
runs_note = dict(a.split('=', 1) for a in sys.argv[4:])
PHASES = ['deploy', 'check', 'change', 'teardown']


def load(path):
    if not os.path.exists(path):
        return None
    r = json.load(open(path))['results']
    return [dict(median=statistics.median(x['times']), cpu=(x.get('user') or 0) + (x.get('system') or 0),
                 runs=len(x['times']), cmd=x['command']) for x in r]


def one(path):
    r = load(path)
    return r[0] if r else None


data = {
    'python': {p: one(f'{kd}/hf-{p}-{n}.json') for p in PHASES},
    'python-nopipe': {p: one(f'{ocb}/hf-python-nopipe-{p}-{n}.json') for p in PHASES},
    'swift': {p: one(f'{ocb}/hf-swift-{p}-{n}.json') for p in PHASES},
    'swift-bulk': {p: one(f'{ocb}/hf-swift-bulk-{p}-{n}.json') for p in PHASES},
}
ping = one(f'{ocb}/hf-ping-ping-{n}.json')
ping_np = one(f'{ocb}/hf-ping-nopipe-ping-{n}.json')
ping_py = one(f'{kd}/hf-ping-{n}.json')
module = load(f'{ocb}/hf-module_compare-{n}.json')

# module calls per phase in the harness's playbook (loop) and in bulk.yml
calls = {'deploy': 2 * n, 'check': n, 'change': n + 1, 'teardown': n + 1}
bulk_calls = {'deploy': 1, 'check': 1, 'change': 1, 'teardown': n + 1}


def ms_per_item(label, p):
    r = data[label][p]
    if r is None:
        return None
    # bulk: per container (N containers); loop: per module call
    return 1000 * r['median'] / (n if label == 'swift-bulk' else calls[p])


def cell(label, p):
    r = data[label][p]
    if r is None:
        return '–'
    return f"{r['median']:.2f} s · {ms_per_item(label, p):.0f} ms"


def ratio(a, b, fmt='{:.1f}×'):
    return fmt.format(a / b) if a is not None and b is not None and b > 0 else '–'


def med(label, p):
    r = data[label][p]
    return r['median'] if r else None


cols = [('python', 'Kolla 23, pipelined'), ('python-nopipe', 'Kolla 23, not pipelined'),
        ('swift', 'ours, same loop'), ('swift-bulk', 'ours, bulk (1 task)')]
print('Wall time, median, and per item: per module call for the loops, per container for bulk.')
print()
print('| phase | calls (loop / bulk) | ' + ' | '.join(c[1] for c in cols) + ' |')
print('|---|---|' + '---|' * len(cols))
for p in PHASES:
    print(f'| {p} | {calls[p]} / {bulk_calls[p]} | ' + ' | '.join(cell(c[0], p) for c in cols) + ' |')
print()
print("Ansible's own floor: the same loop of 30 items running ansible.builtin.ping.")
print()
print('| floor | median s | ms per item | CPU s |')
print('|---|---|---|---|')
for name, r in (('30 × ping, pipelined (next to ours)', ping), ('30 × ping, not pipelined (next to ours)', ping_np),
                ('30 × ping, pipelined (in the harness\'s Kolla run)', ping_py)):
    if r:
        print(f"| {name} | {r['median']:.2f} | {1000 * r['median'] / n:.0f} | {r['cpu']:.2f} |")
print()
print('CPU time (user + sys of the whole process tree, mean s; dockerd\'s own work not included):')
print()
print('| phase | ' + ' | '.join(c[1] for c in cols) + ' |')
print('|---|' + '---|' * len(cols))
for p in PHASES:
    print(f'| {p} | ' + ' | '.join(f"{data[c[0]][p]['cpu']:.2f}" if data[c[0]][p] else '–' for c in cols) + ' |')
print()
ping_item = 1000 * ping['median'] / n if ping else None
ping_np_item = 1000 * ping_np['median'] / n if ping_np else None
print('Ratios (wall medians):')
print()
print('| phase | Kolla / ours | Kolla not pipelined / ours | Kolla / ours bulk | Kolla not pipelined / ours bulk '
      '| ours ms per call ÷ ping ms per item, pipelined | same, ping not pipelined |')
print('|---|---|---|---|---|---|---|')
for p in PHASES:
    print(f"| {p} | {ratio(med('python', p), med('swift', p))} | {ratio(med('python-nopipe', p), med('swift', p))} "
          f"| {ratio(med('python', p), med('swift-bulk', p))} | {ratio(med('python-nopipe', p), med('swift-bulk', p))} "
          f"| {ratio(ms_per_item('swift', p), ping_item, '{:.2f}')} | {ratio(ms_per_item('swift', p), ping_np_item, '{:.2f}')} |")
print()
if module and len(module) == 2:
    py, sw = module
    print(f"Bare module, no controller (one compare_container on the deployed first container, 10 runs): "
          f"Kolla's AnsiballZ {1000 * py['median']:.0f} ms, ours {1000 * sw['median']:.1f} ms "
          f"({py['median'] / sw['median']:.0f}×); CPU {1000 * py['cpu']:.0f} ms vs {1000 * sw['cpu']:.1f} ms.")
    print()
print('Targets (issue 3):')
c = ms_per_item('swift', 'check')
if c is not None and ping_item:
    r1, r2 = c / ping_item, (c / ping_np_item if ping_np_item else None)
    v = 'met' if max(r1, r2 or 0) <= 1.2 else 'NOT met'
    print(f'- per-item cost of ours (check phase, {n} compare_container calls in one loop: {c:.0f} ms/call) '
          f'÷ Ansible\'s ping floor ({ping_item:.0f} ms/item pipelined'
          + (f', {ping_np_item:.0f} ms/item not pipelined' if ping_np_item else '') + f'): '
          f'{r1:.2f}' + (f' / {r2:.2f}' if r2 else '') + f' (target ≤ 1.2: {v})')
    worst = max((ms_per_item('swift', p) / ping_item, p) for p in PHASES if data['swift'][p])
    print(f'- worst phase of ours against the pipelined ping floor: {worst[1]} {worst[0]:.2f}')
k, b = med('python', 'check'), med('swift-bulk', 'check')
if k and b:
    knp = med('python-nopipe', 'check')
    ok = [k / b >= 10] + ([knp / b >= 10] if knp else [])
    verdict = 'met' if all(ok) else ('met against Kolla pipelined only' if ok[0] else
                                     'met against Kolla not pipelined only' if any(ok) else 'NOT met')
    print(f'- bulk check of {n} containers: Kolla\'s loop {k:.2f} s (pipelined) ÷ ours bulk {b:.2f} s = {k / b:.1f}×'
          + (f'; not pipelined {knp:.2f} s = {knp / b:.1f}×' if knp else '')
          + f" (target ≥ 10×: {verdict})")
print()
paired(n, ocb)
print('Runs per row: ' + ', '.join(f'{k} {v}' for k, v in runs_note.items())
      + '; the floors as ours; check rows after 1 warm-up run.')
