"""Creates databases and their users idempotently (Kolla's mysql_db + mysql_user, run once in a one-shot
kolla-toolbox container). Reads the request from the file named by argv[1] (written 0600 for the toolbox user, so
no password is on a command line or in the environment):
  {"login": {"host", "port", "user", "password"},
   "databases": [{"name", "user", "password", "host": "%"}]}
Prints one JSON object: {"changed": bool, "actions": [...]} or {"failed": true, "msg": ...}; never a password."""
import json
import sys

import pymysql


def quoted(name):
    return '`' + name.replace('`', '``') + '`'


def ensure(cursor, db, actions):
    name, user, host = db['name'], db['user'], db.get('host') or '%'
    cursor.execute('SELECT 1 FROM information_schema.schemata WHERE schema_name = %s', (name,))
    if not cursor.fetchone():
        cursor.execute('CREATE DATABASE ' + quoted(name))
        actions.append('created database ' + name)
    cursor.execute('SELECT authentication_string = PASSWORD(%s) FROM mysql.user WHERE user = %s AND host = %s',
                   (db['password'], user, host))
    row = cursor.fetchone()
    if row is None:
        cursor.execute('CREATE USER %s@%s IDENTIFIED BY %s', (user, host, db['password']))
        actions.append(f'created user {user}@{host}')
    elif not row[0]:
        cursor.execute('ALTER USER %s@%s IDENTIFIED BY %s', (user, host, db['password']))
        actions.append(f'changed the password of {user}@{host}')
    cursor.execute('SHOW GRANTS FOR %s@%s', (user, host))
    wanted = f'GRANT ALL PRIVILEGES ON {quoted(name)}.* TO'
    if not any(row[0].startswith(wanted) for row in cursor.fetchall()):
        cursor.execute(f'GRANT ALL PRIVILEGES ON {quoted(name)}.* TO %s@%s', (user, host))
        actions.append(f'granted all on {name} to {user}@{host}')


def main():
    actions = []
    try:
        with open(sys.argv[1]) as f:
            request = json.load(f)
        login = request['login']
        connection = pymysql.connect(host=login['host'], port=int(login['port']), user=login['user'],
                                     password=login['password'], connect_timeout=10, autocommit=True)
        with connection.cursor() as cursor:
            for db in request['databases']:
                ensure(cursor, db, actions)
    except Exception as error:  # noqa: BLE001 - reported as the task's message
        secrets = [request['login']['password']] + [d['password'] for d in request['databases']] if 'request' in locals() else []
        msg = f'{type(error).__name__}: {error}'
        for secret in secrets:
            msg = msg.replace(secret, '********')
        print(json.dumps({'failed': True, 'changed': bool(actions), 'actions': actions, 'msg': msg}))
        return 1
    print(json.dumps({'changed': bool(actions), 'actions': actions}))
    return 0


if __name__ == '__main__':
    sys.exit(main())
