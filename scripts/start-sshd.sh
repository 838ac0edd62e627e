#!/usr/bin/env bash
# A throw-away sshd on 127.0.0.1 for the tests and benchmarks that need a real SSH target.
#
#   scripts/start-sshd.sh DIR          start one; prints its port (details in DIR, see below)
#   scripts/start-sshd.sh --stop DIR   stop it (and the Ansible ssh masters under DIR/cp)
#
# DIR must not exist or be empty. Everything lives there: host keys, the client key pair
# (DIR/id_ed25519), sshd_config, known_hosts, sshd.pid, port, sshd.log, cp/ (a ControlPath dir
# for Ansible: ANSIBLE_SSH_CONTROL_PATH_DIR=DIR/cp) and inventory.ini:
#   [sshd] group of aliases `fp1 fp2 fp3` for root@127.0.0.1:<port>,
#   [sshd_user] alias `fpu` for the unprivileged test user.
# The server runs `/usr/sbin/sshd -D -f DIR/sshd_config -p PORT -o ListenAddress=127.0.0.1` in
# the background (key auth only; Debian's PAM stack, as a stock sshd). Needs root and the
# openssh-server and sudo packages (scripts/setup.sh installs them).
#
# It also makes sure the unprivileged test user exists (OC_SSHD_TEST_USER, default
# oc-fastpath, home /home/oc-fastpath) with passwordless sudo (/etc/sudoers.d/oc-fastpath-test),
# so tests can log in as that user and `become` root, or log in as root and become that user.
# Both are kept after --stop (they are needed by every run; delete with `userdel -r` and rm).
#
# Environment: OC_SSHD_PORT (default: a free port chosen by the kernel), OC_SSHD_ALIASES
# (default "fp1 fp2 fp3"), OC_SSHD_TEST_USER.
set -euo pipefail

log() { printf 'start-sshd: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

if [[ ${1:-} == --stop ]]; then
    dir=${2:?usage: start-sshd.sh --stop DIR}
    # Ansible's ssh masters first (ControlPersist keeps them and their sshd sessions alive).
    for sock in "$dir"/cp/*; do
        [[ -S $sock ]] && ssh -o ControlPath="$sock" -O exit dummy >/dev/null 2>&1 || true
    done
    if [[ -f $dir/sshd.pid ]]; then
        pid=$(<"$dir/sshd.pid")
        if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid"
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        fi
        rm -f "$dir/sshd.pid"
        log "stopped sshd $pid"
    fi
    exit 0
fi

dir=${1:?usage: start-sshd.sh DIR}
[[ $(id -u) == 0 ]] || die "needs root"
[[ -x /usr/sbin/sshd ]] || die "/usr/sbin/sshd not found: run scripts/setup.sh (openssh-server)"
command -v sudo >/dev/null || die "sudo not found: run scripts/setup.sh"
user=${OC_SSHD_TEST_USER:-oc-fastpath}
aliases=${OC_SSHD_ALIASES:-fp1 fp2 fp3}

mkdir -p "$dir"
[[ -z $(ls -A "$dir") ]] || die "$dir is not empty"
dir=$(cd "$dir" && pwd)
# sshd reads the authorized keys as the logged-in user: the dir must be traversable.
chmod 0755 "$dir"
mkdir -m 0700 "$dir/cp"

# The unprivileged test user, with passwordless sudo (tests become root from it).
if ! getent passwd "$user" >/dev/null; then
    useradd --create-home --shell /bin/sh "$user"
    log "created test user $user"
fi
sudoers=/etc/sudoers.d/oc-fastpath-test
if [[ ! -f $sudoers ]]; then
    printf '%s ALL=(ALL:ALL) NOPASSWD: ALL\n' "$user" >"$sudoers.tmp"
    chmod 0440 "$sudoers.tmp"
    visudo -cqf "$sudoers.tmp" || die "visudo rejected $sudoers.tmp"
    mv "$sudoers.tmp" "$sudoers"
fi

ssh-keygen -q -t ed25519 -N '' -C oc-sshd-host -f "$dir/ssh_host_ed25519_key"
ssh-keygen -q -t ed25519 -N '' -C oc-sshd-client -f "$dir/id_ed25519"
install -m 0644 "$dir/id_ed25519.pub" "$dir/authorized_keys"

port=${OC_SSHD_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
cat >"$dir/sshd_config" <<EOF
# Written by scripts/start-sshd.sh: a test sshd, key auth only, 127.0.0.1 only.
HostKey $dir/ssh_host_ed25519_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
# The keys live under /tmp (world-writable): StrictModes would refuse them.
StrictModes no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM yes
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server
MaxSessions 100
MaxStartups 100:30:200
EOF
printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub")" >"$dir/known_hosts"
echo "$port" >"$dir/port"

mkdir -p /run/sshd
chmod 0755 /run/sshd
/usr/sbin/sshd -t -f "$dir/sshd_config" || die "sshd -t rejected $dir/sshd_config"
setsid nohup /usr/sbin/sshd -D -f "$dir/sshd_config" -p "$port" -o ListenAddress=127.0.0.1 -E "$dir/sshd.log" \
    </dev/null >/dev/null 2>&1 &
for _ in $(seq 100); do
    [[ -s $dir/sshd.pid ]] && ssh -o BatchMode=yes -o UserKnownHostsFile="$dir/known_hosts" -o StrictHostKeyChecking=yes \
        -i "$dir/id_ed25519" -p "$port" root@127.0.0.1 true 2>/dev/null && break
    sleep 0.1
done
[[ -s $dir/sshd.pid ]] || die "sshd did not start: $(tail -5 "$dir/sshd.log" 2>/dev/null)"

{
    echo '[sshd]'
    for a in $aliases; do echo "$a ansible_user=root"; done
    echo
    echo '[sshd_user]'
    echo "fpu ansible_user=$user"
    echo
    echo '[all:vars]'
    echo "ansible_host=127.0.0.1"
    echo "ansible_port=$port"
    echo "ansible_ssh_private_key_file=$dir/id_ed25519"
    echo "ansible_ssh_common_args='-o UserKnownHostsFile=$dir/known_hosts -o StrictHostKeyChecking=yes'"
    echo "ansible_python_interpreter=/usr/bin/python3"
} >"$dir/inventory.ini"
log "sshd $(<"$dir/sshd.pid") on 127.0.0.1:$port ($dir)"
echo "$port"
