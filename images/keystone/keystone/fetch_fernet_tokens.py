#!/usr/bin/python3
"""fetch_fernet_tokens.py -d DIR -n SECONDS: Kolla's keystone-fernet helper. Prints, as JSON, whether the
fernet keys in DIR are older than SECONDS ({"update_required": BOOL}); a missing key 0 requires an update."""
import argparse
import json
import os
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('-d', '--directory', default='/etc/keystone/fernet-keys')
    parser.add_argument('-n', '--seconds', type=int, required=True)
    args = parser.parse_args()
    try:
        newest = max(os.path.getmtime(os.path.join(args.directory, name)) for name in os.listdir(args.directory))
        required = not os.path.exists(os.path.join(args.directory, '0')) or time.time() - newest > args.seconds
    except (OSError, ValueError):
        required = True
    print(json.dumps({'update_required': required}))


if __name__ == '__main__':
    main()
