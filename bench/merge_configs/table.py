"""Print the Markdown table of bench/merge_configs.sh from its hyperfine JSON files.

    python table.py RESULTS_DIR

Reads RESULTS_DIR/meta.json and RESULTS_DIR/hf-*.json (hyperfine --export-json, commands named
with -n). Per task = (median - empty play median) / tasks.
"""

import glob
import json
import os
import statistics
import sys

R = sys.argv[1]
meta = json.load(open(os.path.join(R, 'meta.json')))


def load(name):
    """{label: stats} for one hyperfine group: a single JSON file or rounds hf-NAME.rN.json pooled."""
    single = os.path.join(R, 'hf-%s.json' % name)
    if os.path.exists(single):
        return {r['command']: r for r in json.load(open(single))['results']}
    rounds = sorted(glob.glob(os.path.join(R, 'hf-%s.r*.json' % glob.escape(name))))
    pooled = {}
    for path in rounds:
        for r in json.load(open(path))['results']:
            p = pooled.setdefault(r['command'], {'times': [], 'user': [], 'system': []})
            p['times'] += r['times']
            p['user'].append(r['user'])
            p['system'].append(r['system'])
    for p in pooled.values():
        p['median'] = statistics.median(p['times'])
        p['min'] = min(p['times'])
        p['runs'] = len(p['times'])
        p['user'] = statistics.mean(p['user'])
        p['system'] = statistics.mean(p['system'])
    return pooled


def med(r):
    return r['median']


def cpu(r):
    return r['user'] + r['system']


floor = load('floor')
base = med(floor['empty'])


def per_task(r, tasks, baseline=None):
    return (med(r) - (base if baseline is None else med(baseline))) / tasks * 1000


out = []
p = out.append
p('ansible-playbook of ansible-core %s (Python %s), the same for both sides; kolla-ansible %s; %s (sha256 %s);' % (
    meta['core'], meta['python'], meta['kolla'], meta['tarball'], meta['sha256']))
p('local connection to localhost, gather_facts: false, %d CPUs. %d timed runs per command in interleaved rounds' % (
    meta['nproc'], meta['runs']))
p('(hyperfine --runs 1 per round; %d warmup run(s) after the verify pass), pipelining on unless said otherwise.' % meta['warmup'])
p('Times are the median (min) of the runs; ms/task = (median - empty play median) / tasks, with the empty play')
p('timed in the same rounds (its median is the "empty s" column);')
p('CPU = user + sys of the whole ansible-playbook run (mean; steadier than wall time on a busy machine).')
p('Load average (1/5/15 min) %s at the start, %s at the end; %d s in all.' % (meta['load_start'], meta['load_end'], meta['seconds']))
if meta['diffs']:
    p('')
    p("**WARNING: ours and Kolla's outputs differed in this run (see diff-*.txt): timings are not like for like.**")
p('')
p('| phase | tasks | ours s | Kolla s | ratio Kolla/ours | ours ms/task | Kolla ms/task | per-task ratio | CPU s ours / Kolla | CPU ratio | empty s |')
p('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')


def row(label, tasks, group):
    ours, kolla, empty = group['ours'], group['kolla'], group.get('empty')
    po, pk = per_task(ours, tasks, empty), per_task(kolla, tasks, empty)
    p('| %s | %d | %.2f (%.2f) | %.2f (%.2f) | **%.2f** | %.0f | %.0f | %s | %.1f / %.1f | %.1f | %.2f |' % (
        label, tasks, med(ours), ours['min'], med(kolla), kolla['min'], med(kolla) / med(ours), po, pk,
        '%.1f' % (pk / po) if po > 0 else 'n/a', cpu(ours), cpu(kolla), cpu(kolla) / cpu(ours),
        med(empty) if empty else base))


for kind, tasks, title in (('ini', meta['N'], 'merge_configs'), ('yaml', meta['NY'], 'merge_yaml')):
    first, second = load(kind + '-first'), load(kind + '-second')
    if not tasks or not first:
        continue
    row('%s, first run (all changed)' % title, tasks, first)
    row('%s, second run (no change)' % title, tasks, second)
nofirst, nosecond = load('ini-nopipe-first'), load('ini-nopipe-second')
if nofirst:
    runs = '%d run%s' % (meta['nopipe_runs'], 's' if meta['nopipe_runs'] > 1 else '')
    row('merge_configs, first run, pipelining **off** (%s)' % runs, meta['N'], nofirst)
    row('merge_configs, second run, pipelining **off** (%s)' % runs, meta['N'], nosecond)

p('')
p('| Ansible floor (pipelining on) | s | ms/task | CPU s |')
p('|---|---:|---:|---:|')
p('| empty play (0 tasks) | %.2f (%.2f) | | %.1f |' % (base, floor['empty']['min'], cpu(floor['empty'])))
p('| %d x ansible.builtin.debug (no module runs) | %.2f (%.2f) | %.0f | %.1f |' % (
    meta['N'], med(floor['debug']), floor['debug']['min'], per_task(floor['debug'], meta['N']), cpu(floor['debug'])))
if 'ping' in floor:
    p('| %d x ansible.builtin.ping (one Python module) | %.2f (%.2f) | %.0f | %.1f |' % (
        meta['NP'], med(floor['ping']), floor['ping']['min'], per_task(floor['ping'], meta['NP']), cpu(floor['ping'])))

start = {}
for path in sorted(glob.glob(os.path.join(R, 'hf-start-*.json'))):
    start.update((r['command'], r) for r in json.load(open(path))['results'])
node = meta['node']
size = os.stat(node).st_size
p('')
p('Node binary: %s, %d bytes (%.2f MB), every module name a symlink to it. Start time: hyperfine -N --warmup 20 --runs %d,' % (
    os.path.basename(node), size, size / 1e6, meta['start_runs']))
p('args file as Ansible passes it: merge_configs and merge_yaml a tiny merge into a temp dir (the dest exists after the')
p('first run); any other module a check-mode call without its required arguments (fails after argument validation).')
p('')
p('| module | file | median | mean ± σ | user + sys |')
p('|---|---|---:|---:|---:|')
for cmd, r in start.items():
    path = cmd.split()[0]
    name = os.path.basename(path)
    kind = 'symlink -> %s' % os.readlink(path) if os.path.islink(path) else 'ELF, %.2f MB' % (os.stat(path).st_size / 1e6)
    p('| %s | %s | %.2f ms | %.2f ± %.2f ms | %.2f ms |' % (
        name, kind, r['median'] * 1e3, r['mean'] * 1e3, r['stddev'] * 1e3,
        (r['user'] + r['system']) * 1e3))
print('\n'.join(out))
