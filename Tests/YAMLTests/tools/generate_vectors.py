#!/usr/bin/env python3
"""Regenerates Tests/YAMLTests/Vectors/*.json with the real PyYAML (pure-Python SafeLoader and Dumper).

    python3 Tests/YAMLTests/tools/generate_vectors.py      # needs PyYAML 6 (`pip install pyyaml`)

Every vector (`dump` == "=source" means: same text as `source`) is what Kolla-Ansible's merge_yaml does with one source:
`yaml.dump(yaml.safe_load(source) or {}, default_flow_style=False, width=width)`; `repr` is Python's
repr of `yaml.safe_load(source)`. Sources are curated edge cases plus seeded random documents, so the
output is deterministic for a given PyYAML version. Not needed at test time.
"""
import datetime, json, os, random, sys
import yaml

assert yaml.__version__.startswith('6.'), yaml.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'Vectors')
rnd = random.Random(20240601)

TRICKY = ['yes', 'no', 'on', 'off', 'Yes', 'NO', 'y', 'n', 'true', 'False', '1', '0', '-1', '+1', '1.5', '.5', '-.5', '1e5',
  '1.0e5', '1.0e+5', '1_000', '0x1F', '0o17', '017', '09', '0b101', '1:30', '1:30.5', '190:20:30', '.inf', '-.Inf', '.NaN',
  '', ' ', '~', 'null', 'Null', 'NULL', '*', '&a', '!x', '- a', '-', '--', '---', '...', 'a: b', 'a:b', ':a', '?', '? x',
  '#x', 'a #b', 'a#b', "it's", 'say "hi"', '\\', '%x', '@x', '`x', '|', '>', '[a]', '{a}', 'a,b', 'a, b', '<<', '=',
  'caf\xe9', '\u2713 ok', '\U0001F600', 'tab\there', 'nl\nx', 'a\n\nb', 'trail\n', ' lead', 'trail ', 'x\x07y',
  '\xa0nbsp', '2001-01-01', '2001-1-1', '2001-12-14 21:59:43.10 -5', '2001-12-14t21:59:43.10-05:00', '2002-12-14T01:02:03Z',
  '12:30:00', '1.2.3', '0.1.0', 'v1.0', '$HOME', '{{ var }}', "{% if x %}", 'http://x.y/z?a=b#c', 'C:\\path', '-x', '-1x',
  'a  b', 'a\tb', 'a \nb', 'a\n b', '\u2028', '\x85', '\ufeff', 'x' * 90, ('word ' * 25).strip(), 'long ' * 30,
  'multi line\nwith many words ' * 6, "quote's and 'more' " * 6, 'caf\xe9 ' * 25]

def rand_word():
    return ''.join(rnd.choice('abcdefghijklmnopqrstuvwxyz_-') for _ in range(rnd.randint(1, 10)))

def rand_str():
    r = rnd.random()
    if r < 0.45: return rnd.choice(TRICKY)
    if r < 0.7: return rand_word()
    if r < 0.85:
        return ' '.join(rand_word() for _ in range(rnd.randint(1, 30)))
    chars = 'ab c\n\t\'"\\:#-?,[]{}&*!|>%@`\xe9\u2713\x00\x85\u2028 ' 
    return ''.join(rnd.choice(chars) for _ in range(rnd.randint(0, 40)))

def rand_float():
    r = rnd.random()
    if r < 0.1: return rnd.choice([float('inf'), float('-inf'), 0.0, -0.0, 1e16, 1e15, 1e-4, 1e-5, 1e300, 5e-324, 0.1, 1/3])
    if r < 0.5: return round(rnd.uniform(-1000, 1000), rnd.randint(0, 6))
    return rnd.uniform(-1, 1) * 10 ** rnd.randint(-30, 30)

def rand_scalar():
    r = rnd.random()
    if r < 0.5: return rand_str()
    if r < 0.6: return rnd.randint(-10**6, 10**6)
    if r < 0.63: return rnd.randint(-10**40, 10**40)
    if r < 0.73: return rand_float()
    if r < 0.8: return rnd.choice([True, False])
    if r < 0.87: return None
    if r < 0.92: return datetime.date(rnd.randint(1, 9999), rnd.randint(1, 12), rnd.randint(1, 28))
    if r < 0.96:
        tz = rnd.choice([None, datetime.timezone.utc, datetime.timezone(datetime.timedelta(hours=-5)),
                         datetime.timezone(datetime.timedelta(hours=5, minutes=30))])
        return datetime.datetime(rnd.randint(1, 9999), rnd.randint(1, 12), rnd.randint(1, 28), rnd.randint(0, 23),
                                 rnd.randint(0, 59), rnd.randint(0, 59), rnd.choice([0, 0, 100000, 123456]), tzinfo=tz)
    return bytes(rnd.randint(0, 255) for _ in range(rnd.randint(0, 80)))

def rand_key():
    r = rnd.random()
    if r < 0.85: return rand_str() if rnd.random() < 0.5 else rand_word()
    if r < 0.93: return rnd.randint(-100, 100)
    if r < 0.96: return rnd.choice([True, False, None, 1.5])
    return rnd.choice(['x' * 130, 'k' * 122, 'k' * 123])

def rand_obj(depth=0, shared=None):
    if shared and rnd.random() < 0.08:
        return rnd.choice(shared)
    r = rnd.random()
    if depth > 4 or r < 0.45: return rand_scalar()
    if r < 0.7:
        v = [rand_obj(depth + 1, shared) for _ in range(rnd.randint(0, 5))]
    else:
        v = {}
        for _ in range(rnd.randint(0, 6)):
            v[rand_key()] = rand_obj(depth + 1, shared)
    if shared is not None and rnd.random() < 0.3: shared.append(v)
    return v

def rand_doc():
    shared = [] if rnd.random() < 0.3 else None
    d = {}
    for _ in range(rnd.randint(0, 8)):
        d[rand_key()] = rand_obj(1, shared)
    if rnd.random() < 0.05: return rand_obj(0, shared)
    return d

# Source-text mode: YAML written by hand-ish templates (plain/quoted/flow/anchors/merges/comments).
PLAIN = ['yes', 'No', 'ON', 'off', 'true', '1', '0x1F', '017', '0b11', '1_000', '1:30', '-1', '+5', '1.5', '1.', '.5', '1e5',
  '1.0e+5', '6.8523015e+5', '685.230_15e+03', '190:20:30.15', '.inf', '-.inf', '.NaN', '~', 'null', '', 'a b', 'x', '2001-12-14',
  '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2001-12-15T02:59:43.1Z', '2001-12-14 21:59:43.10',
  'caf\xe9', 'hello world', '09', '0o7', 'x:y', 'a#b', '12:30', '- x', 'true false']
def src_scalar():
    r = rnd.random()
    w = rnd.choice(PLAIN)
    if r < 0.6 and w not in ('- x',): return w if w else '""'
    if r < 0.75: return "'" + w.replace("'", "''") + "'"
    if r < 0.85: return '"' + w.replace('\\', '\\\\').replace('"', '\\"') + '"'
    if r < 0.9: return rnd.choice(['!!str 1', '!!int "12"', '!!float 3', '!!bool yes', '!!null ""', '!!binary aGVsbG8gd29ybGQ=',
                                   '!!timestamp 2001-1-2', '! 12', '"\\u00e9\\x41\\t"', "'it''s'", '!!str', '!!float 1e5'])
    return rnd.choice(['|\n  line1\n  line2\n', '>\n  folded\n  text\n\n  para\n', '|-\n  keep\n', '>+\n  x\n\n'])

def src_block(indent, depth, anchors):
    pad = ' ' * indent
    lines = []
    n = rnd.randint(1, 5)
    used = set()
    for i in range(n):
        k = rnd.choice(['a', 'b', 'c', 'yes', 'on', '1', '2', '1.0', 'true', 'x y', '"q"', "'1'", 'null', '~', 'z', 'A', '_b', '10', 'k' + str(i)])
        if k in used and rnd.random() < 0.7: k = 'k%d' % i
        used.add(k)
        r = rnd.random()
        maps = [a for a, kind in anchors if kind == 'map']
        if r < 0.06 and maps:
            if rnd.random() < 0.7:
                lines.append('%s<<: *%s' % (pad, rnd.choice(maps)))
            else:
                lines.append('%s<<: [%s]' % (pad, ', '.join('*' + rnd.choice(maps) for _ in range(rnd.randint(1, 3)))))
            continue
        if r < 0.12 and anchors:
            lines.append('%s%s: *%s' % (pad, k, rnd.choice(anchors)[0]))
            continue
        kind = 'other'
        anchor = ''
        if rnd.random() < 0.15:
            name = 'an%d' % (len(anchors) + 100 * depth + rnd.randint(0, 10**6))
            anchor = ' &' + name
        if depth < 4 and r < 0.35:
            lines.append('%s%s:%s' % (pad, k, anchor))
            lines.extend(src_block(indent + 2, depth + 1, anchors))
            kind = 'map'
        elif depth < 4 and r < 0.5:
            lines.append('%s%s:%s' % (pad, k, anchor))
            ind = indent + rnd.choice([0, 2])
            for _ in range(rnd.randint(1, 4)):
                if rnd.random() < 0.3 and depth < 3:
                    lines.append(' ' * ind + '- ' + 'm: ' + src_scalar().split('\n')[0])
                else:
                    v = src_scalar()
                    if '\n' in v: v = '"multi"'
                    lines.append(' ' * ind + '- ' + v)
        elif r < 0.6:
            lines.append('%s%s:%s [%s]' % (pad, k, anchor, ', '.join(rnd.choice(PLAIN[:20]) or '""' for _ in range(rnd.randint(0, 4)))))
        elif r < 0.65:
            kind = 'map'
            lines.append('%s%s:%s {%s}' % (pad, k, anchor, ', '.join('k%d: %s' % (j, rnd.choice(PLAIN[:20]) or '""') for j in range(rnd.randint(0, 3)))))
        else:
            v = src_scalar()
            if '\n' in v:
                v = v.replace('\n  ', '\n' + pad + '  ')
            lines.append('%s%s:%s %s%s' % (pad, k, anchor, v, rnd.choice(['', '', ' # comment'])))
        if anchor:
            anchors.append((anchor[2:], kind))
    return lines

def rand_source():
    anchors = []
    text = '\n'.join(src_block(0, 0, anchors)) + '\n'
    if rnd.random() < 0.03: text += '---\nb: 2\n'
    if rnd.random() < 0.03: text = text.replace(':', '', 1)
    return text


# Curated sources: Kolla-style documents and the corners of the YAML 1.1 resolver, emitter and constructor.
KOLLA = [
    "foo: bar\negg: spam\n",
    "10: x\nA: 1\nB: 2\n_b: 3\na: 4\nz: 5\n'10': y\n",
    # Prometheus targets as YAML text for the dump vectors: never contacted.
    "global:\n  scrape_interval: 60s\n  external_labels: {monitor: kolla}\nscrape_configs:\n- job_name: prometheus\n  static_configs:\n  - targets: ['10.0.0.1:9091', '10.0.0.2:9091']\n",  # data only: never contacted
    "name: caf\u00e9 \u2713\nempty: {}\nlist: []\nnothing:\nquoted: ['1', 'true', '', '*', 'yes', 'on', '~', 'null', '1.5', '0x10', '2001-01-01']\n",
    "answers: [yes, no, on, off, Yes, NO, y, n]\n",
    "base: &b\n  image: kolla/base\n  volumes: &v [a, b]\nsvc:\n  <<: *b\n  other: *v\n",
    "long: " + "word " * 40 + "end\nmulti: |\n  first line\n  second line\n",
    "sources:\n  - name: meter_source\n    meters:\n      - \"*\"\n    sinks:\n      - meter_sink\n",
    "mixed: {1: one, two: 2}\n",
    "big: 123456789012345678901234567890\nneg: -0x_FF\noct: 0o17\nlegacy: 017\nsexa: 190:20:30\nbin: 0b1010\n",
    "floats: [1.5, 1e5, 1.0e+5, .inf, -.Inf, .NaN, 1.e2, 190:20:30.15, 6.8523015e+5, 0., -0.0, 1_000.5]\n",
    "dates: [2001-12-14, 2001-12-14t21:59:43.10-05:00, 2001-12-14 21:59:43.10 -5, 2002-12-14T01:02:03Z, 2001-12-14 21:59:43.10]\n",
]

def vector(source, width=None):
    v = {'source': source, 'width': width}
    try:
        data = yaml.safe_load(source)
    except Exception as e:  # noqa: BLE001 - any failure is a load error for merge_yaml
        v['error'] = '%s: %s' % (type(e).__name__, str(e).split('\n')[0])
        return v
    text = repr(data)
    if len(text) < 4000:  # keeps the file small; huge reprs are shared objects printed many times
        v['repr'] = text
    try:
        v['dump'] = yaml.dump(data or {}, default_flow_style=False, width=width)
    except Exception as e:  # noqa: BLE001
        v['dumpError'] = type(e).__name__
    return v

def main():
    curated = [vector(s) for s in KOLLA] + [vector(s, w) for s in KOLLA[6:7] for w in (20, 40, 131072)]
    curated += [vector(s) for s in CASES]
    random_docs = []
    for i in range(120):
        width = rnd.choice([None, None, 40, 131072, 20, 3])
        if i % 2 == 0:
            source = yaml.dump(rand_doc(), default_flow_style=False, width=width)
        else:
            source = rand_source()
        v = vector(source, width)
        if v.get('dump') == source:
            v['dump'] = '=source'  # PyYAML's own output loads and dumps back to itself
        random_docs.append(v)
    unsupported = ('!!set', '!!omap')
    curated = [v for v in curated if not any(u in v['source'] for u in unsupported)]
    for name, vectors in (('curated', curated), ('random', random_docs)):
        with open(os.path.join(OUT, name + '.json'), 'w', encoding='utf-8') as f:
            json.dump(vectors, f, indent=1, ensure_ascii=True, sort_keys=True)
            f.write('\n')
        print(name, len(vectors))

# Edge cases (also used by the lead's differential checks).
CASES = [
 "a: 1\n", "", "# only comment\n", "---\n", "--- \n...\n", "...\n", "a: 1\n...\n", "--- a: 1\n", "%YAML 1.1\n---\na: 1\n",
 "%TAG !e! tag:example.com,2000:\n---\na: !e!foo 1\n", "\ufeffa: 1\n", "a:\tb\n", "a:\n\t- b\n", "a: b\tc\n",
 "? a\n: b\n", "? [a, b]\n: c\n", "? {a: 1}\n: c\n", "{a: 1, b: [x, y], c: {d: e}}\n", "[a, b]\n", "- a\n- b\n", "x\n", "'x'\n",
 "a: b\n c: d\n", "a: 'multi\n  line'\n", 'a: "esc \\t \\x41 \\u263A \\U0001F600 \\N \\_ \\L \\P \\e \\0 \\/"\n', "a: plain\n  continued\n\n  para\n",
 "a: |\n  lit\n   more\n\n", "a: >-\n  fold\n  ed\n", "a: |2\n    indented\n", "a: !!set {x, y}\n", "a: !!omap [x: 1]\n",
 "a: !foo bar\n", "a: !!python/tuple [1]\n", "a: &x [1]\nb: *x\nc: *x\n", "a: *x\n", "a: &x 1\nb: &x 2\n",
 "base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n", "a: &a {x: 1}\nb: &b {y: 2}\nc: {<<: [*a, *b], z: 3}\n", "<<: {a: 1}\n",
 "a: {<<: 1}\n", "a: [<<]\n", "1: a\ntrue: b\n1.0: c\n", "null: 1\n~: 2\n", "[1, 2]: x\n", "{a: 1}: x\n",
 "a: 2001-02-30\n", "a: 2001-13-01\n", "a: 0000-01-01\n", "a: 2001-01-01 25:00:00\n", "a: 2001-01-01 12:00:00 +24\n",
 "a: !!int 09\n", "a: !!int 0x\n", "a: !!float abc\n", "a: !!bool maybe\n", "a: !!binary 'a'\n", "a: !!binary '!!!'\n",
 "a: !!binary aGVsbG8\n", "a: !!int 1_000_000_000_000_000_000_000\n", "a: 0x_FF\n", "a: 0b_\n", "a: -0\n", "a: +0x10\n",
 "a: 1:0:0\n", "a: -1:30\n", "a: 1:60\n", "a: !!float 1:30\n", "a: !!float '1e5'\n", "a: !!float inf\n", "a: !!float ' 2 '\n",
 "a: !!str\n", "a: !!null x\n", "a: !!timestamp 2001-01-01\n", "a: !!timestamp bad\n", "a: ! 12\n", "a: ! '12'\n",
 "a: !!seq {x: 1}\n", "a: !!map [1]\n", "a: !!str [1]\n", "a: '\n", "a: \"\n", "a: [\n", "a: {b\n", "  a: 1\n b: 2\n",
 "a: 1\n a: 2\n", "- a\nb: c\n", "a: @x\n", "a: `x\n", "a: b: c\n", "a:\n  - b\n  c: d\n", "a: 1\na: 2\n", "a: [1, 1]\n",
 "key with spaces: v\n", "'quoted key': v\n", "\"\\u00e9\": v\n", "? |\n  block key\n: v\n", "a: \x07\n", "a: \"\\x07\"\n",
 "a: \u2028\n", "a: \x85b\n", "a: \ud7ff\n", "a: \ue000\n", "a: \uffff\n", "a: -\n", "a: - b\n", "a:\n- b\n-   c\n",
 "a: {x: 1, x: 2}\n", "a: [a, b, ]\n", "a: {x: , y: 1}\n", "a: {? x}\n", "[a]: b\n", "*a: b\n", "a: &x\nb: *x\n",
 "a: &x !!str 1\nb: *x\n", "a: &x 2001-01-01\nb: *x\n", "a: &x !!binary aGk=\nb: *x\n", "a: .5\nb: -.5\nc: 1.e5\nd: 1.e+5\n",
 "a: 0.\nb: +.inf\nc: .NAN\nd: -.nan\n", "a:  'x'  \n", "a: \"multi\n\n  line \\\n  escaped\"\n", "a: 1 # c\n# end\n",
 "!!map {a: 1}\n", "!!str x\n", "!!seq [1]\n", "--- !!map\na: 1\n", "a: !<tag:yaml.org,2002:int> 5\n", "a: !!merge x\n",
 "<<: [{a: 1}, {a: 2, b: 3}]\nb: 4\n", "x: &a {k: 1}\ny: &b {<<: *a, j: 2}\nz: {<<: *b}\n", "x: &l [1, 2]\ny: {a: *l, b: *l}\n",
 "a: 'it''s'\n", "a: |+\n  keep\n\nb: 1\n", "a: >\n\n  leading blank\n", "a: 1e\n", "a: 1_\n", "a: _1\n", "a: 1__2\n",
 "a: 12:30:00\n", "a: 2001-12-14T21:59:43.1234567Z\n", "a: 2001-12-14 21:59:43 -05:30\n", "a: 2001-12-14 21:59:43-05\n",
 "a: 2001-12-14 21:59:43 Z\n", "a: 2001-12-14\t21:59:43\n", "a: 2001-12-1421:59:43\n", "a: 2001-1-1 1:2:3\n",
]
CASES += [
 "a: 1\r\nb: [x,\r\n y]\r\n", "a: b\x85c\n", "a: b\u2028c\n", "a: 'b\x85c'\n", "{a:1}\n", "[-a, a:b, :x]\n", "[a: b]\n",
 "%YAML 1.2\n---\na: 1\n", "%YAML 2.0\n---\na: 1\n", "k" * 1100 + ": v\n", "&a x: *a\n", "a: &a x\n*a : y\n",
 "? - a\n  - b\n: c\n", "a: !!binary |\n  aGVs\n  bG8=\n", "- &a\n- *a\n", "a: &anc\u00e9 1\n", "a: [*x]\n", "- [a, b]: c\n",
 "a:\n  - b\n  -\n  - c\n", "a: b # c\n  d\n", "a: 'b\n\n\n  c'\n", "a: \"b\\\n  c\"\n", "- - - x\n", "a: {b: {c: [d, {e: f}]}}\n",
 "a: |2-\n    x\n", "a: |1\n  x\n", "a: >2\n   x\n  y\n", "a: ... \n", "... \n", "--- |\n  x\n", "--- >-\n  x\n",
 "a: !!str &x y\nb: *x\n", "a: &x !!str y\nb: *x\n", "- ! a\n- !!str\n- !\n- ! '12'\n", "a: 1\n#\xa0\n", "a: @\n", "a: %\n",
 "- \u00e9: 1\n", "a:\n- b: c\n  d: e\n- f\n", "a: 0x\n", "a: -\n", "a: +\n", "a: .\n", "a: 1.0.0\n", "a: 1,000\n",
 "a: -1_000\n", "a: 0b2\n", "a: 08\n", "a: 0_8\n", "a: 1:2:3:4\n", "a: 1:2.5\n", "a: -1:2.5\n", "a: 2001-12-14 21:59:43.\n",
 "a: 2001-12-14 21:59:43.1234567\n", "a: 2001-12-14 21:59:43 +5:30\n", "a: 9999-12-31 23:59:59.999999 -23:59\n",
 # tabs: PyYAML accepts them only in quoted scalars, block scalar bodies and comments
 "a: b\t\n", "a: \"x\"\t\n", "a: b #\tc\n", "a:\n  b: |\n    x\ty\n", "a: [x,\ty]\n", "a: {x: 1,\t y: 2}\n", "? a\t\n: b\n",
 "a: &x\tb\n", "a: x\n\t# c\n", "\t# c\na: 1\n", "a: 1\n#\tc\n", "a: |\t\n  x\n", "\u00e9\u00e9: '\tx'\n", "a: '\t'\t\n",
 "a: \"b\tc\"\n", "a: >\n  x\n  \ty\n", "a: b\tc # \t\n", "k: 'a\n\tb'\n",
]

if __name__ == '__main__':
    main()
