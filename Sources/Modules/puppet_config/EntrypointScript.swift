import ModuleKit
import Platform

/// The config container's entrypoint (TripleO's `container-puppet.sh`, reference steps): Puppet's
/// configuration from the host, `puppet apply --detailed-exitcodes --tags …` of the step manifest
/// (exit 0 and 2 succeed), the `config-data/<volume>` mirror of the config directories, the
/// `puppet-generated/<volume>` copy of only the files Puppet touched (deletions mirrored), and the two
/// `.md5sum` files; in check mode also `<volume>.diff` against the live tree.
///
/// The checksums are TripleO's recipe (`tar … | tar xO | sed` without `# HEADER` lines `| md5sum`)
/// with one fix: `tar --sort=name`, so the order of the hashed contents does not depend on the order
/// the file system lists directory entries in. The script is written by the module (`install`), so
/// the version that runs is always the binary's.
enum EntrypointScript {
    static let text = ##"""
        #!/bin/bash
        # container-puppet.sh: generates one config volume with Puppet inside a one-shot config container.
        # Written by overcloud.containers.puppet_config (its copy in the module is the source), mounted
        # read-only and run by bash as the entrypoint.
        # Environment: NAME (the config volume), PUPPET_TAGS, STEP_CONFIG, STEP, NET_HOST, DEBUG,
        # HOSTNAME, NO_ARCHIVE (non-empty: no mirror; exit with Puppet's 0 or 2), CHECK_DIFF (non-empty: write <NAME>.diff against
        # the live tree mounted at /var/lib/config-data-live).
        set -e
        [ "${DEBUG:-false}" = true ] && set -x
        : "${NAME:?NAME is not set}"
        data=/var/lib/config-data

        # 1. Puppet's own configuration: the host's (mounted at /tmp/puppet-etc) replaces the image's.
        if [ -d /tmp/puppet-etc ] && [ -n "$(ls -A /tmp/puppet-etc)" ]; then
            rm -rf /etc/puppet
            mkdir -p /etc/puppet
            cp -a /tmp/puppet-etc/. /etc/puppet/
        fi
        rm -rf /etc/puppet/ssl
        mkdir -p /etc/puppet/hieradata
        echo "{\"step\": ${STEP:-6}}" >/etc/puppet/hieradata/docker_puppet.json
        check_args=()
        if [ -d /tmp/puppet-check-mode ]; then
            cp -a /tmp/puppet-check-mode /etc/puppet/check-mode
            check_args=(--hiera_config /etc/puppet/check-mode/hiera.yaml)
        fi
        # Packages and services are never acted on in a config container.
        {
            echo "Package { noop => true }"
            echo "Service { noop => true }"
            printf '%s\n' "${STEP_CONFIG:-}"
        } >/etc/config.pp

        # 2. The reference time: files Puppet writes after it are "touched".
        origin_of_time=/tmp/$NAME.origin_of_time
        touch "$origin_of_time"
        sync

        # 3. Puppet: exit 0 (nothing to do) and 2 (changes made) are success.
        FACTER_uuid=$(cat /sys/class/dmi/id/product_uuid 2>/dev/null | tr '[:upper:]' '[:lower:]')
        : "${FACTER_uuid:=docker}"
        export FACTER_uuid FACTER_deployment_type=containers
        if [ "${NET_HOST:-true}" = false ]; then export FACTER_hostname=${HOSTNAME:-}; fi
        debug_args=()
        [ "${DEBUG:-false}" = true ] && debug_args=(--debug --verbose)
        set +e
        puppet apply --summarize --detailed-exitcodes --color=false \
            --modulepath=/etc/puppet/modules:/usr/share/openstack-puppet/modules:/usr/share/puppet/modules \
            --tags "$PUPPET_TAGS" "${check_args[@]}" "${debug_args[@]}" /etc/config.pp
        rc=$?
        set -e
        if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then
            echo "puppet apply failed with exit code $rc" >&2
            exit "$rc"
        fi
        # Without archiving (bootstrap tasks), Puppet's detailed exit code (2: it changed something) is the result.
        [ -n "${NO_ARCHIVE:-}" ] && exit "$rc"

        # 4. The mirror of every config directory, and the copy of only what Puppet touched.
        srcs=()
        for d in /etc /root /opt /var/www /var/spool/cron /var/lib/nova/.ssh; do [ -d "$d" ] && srcs+=("$d"); done
        excludes=()
        # Password files are generated once: an existing copy is never overwritten.
        password_files=(/root/.my.cnf)
        for p in "${password_files[@]}"; do
            [ -f "$p" ] && [ -f "$data/$NAME$p" ] && excludes+=("--exclude=$p")
        done
        # Read-only mounts from the host are not configuration of this service.
        ro_files=(/etc/puppet/ /etc/puppetlabs/ /opt/puppetlabs/ /etc/pki/ca-trust/extracted /etc/pki/ca-trust/source/anchors
            /etc/pki/tls/certs/ca-bundle.crt /etc/pki/tls/certs/ca-bundle.trust.crt /etc/pki/tls/cert.pem /etc/hosts
            /etc/localtime /etc/hostname /etc/resolv.conf /etc/openldap)
        for ro in "${ro_files[@]}"; do [ -e "$ro" ] && excludes+=("--exclude=$ro"); done

        mkdir -p "$data/$NAME"
        deleted=$(mktemp)
        touched=$(mktemp)
        trap 'rm -f "$deleted" "$touched"' EXIT
        rsync -av -R --dry-run --delete-after "${excludes[@]}" "${srcs[@]}" "$data/$NAME" |
            awk '/^deleting/ {print $2}' >"$deleted"
        rsync -a -R --delay-updates --delete-after "${excludes[@]}" "${srcs[@]}" "$data/$NAME"

        generated=$data/puppet-generated/$NAME
        mkdir -p "$generated"
        while IFS= read -r gone; do rm -rf "${generated:?}/$gone"; done <"$deleted"
        find "${srcs[@]}" -newer "$origin_of_time" -not -path '/etc/puppet*' -print0 >"$touched"
        rsync -a -R -0 --delay-updates --delete-after "${excludes[@]}" --files-from="$touched" / "$generated"
        for ro in "${ro_files[@]}"; do rm -rf "${generated:?}/${ro#/}"; done

        # 5. Checksums of the contents only, in name order, without Puppet's "# HEADER" timestamp lines.
        checksum_excludes=(--exclude='*/etc/swift/backups/*' --exclude='*/etc/swift/*.ring.gz'
            --exclude='*/etc/swift/*.builder' --exclude='*/etc/libvirt/passwd.db')
        extra_files=()
        for p in "${password_files[@]}"; do
            if [ -f "$p" ]; then
                checksum_excludes+=("--exclude=*$data/$NAME$p" "--exclude=*$generated$p")
                extra_files+=("$p")
            fi
        done
        checksum() {
            tar -c --sort=name --mtime='1970-01-01' "${checksum_excludes[@]}" -f - "$@" 2>/dev/null | tar xO |
                sed '/^#.*HEADER.*/d; s/\#.HEADER.*//g' | md5sum | awk '{print $1}'
        }
        checksum "$data/$NAME" "${extra_files[@]}" >"$data/$NAME.md5sum.tmp"
        mv "$data/$NAME.md5sum.tmp" "$data/$NAME.md5sum"
        checksum "$generated" "${extra_files[@]}" >"$generated.md5sum.tmp"
        mv "$generated.md5sum.tmp" "$generated.md5sum"

        # 6. Check mode: the difference between the live tree and this one (without "# HEADER" lines, as the checksums).
        if [ -n "${CHECK_DIFF:-}" ]; then
            live=/var/lib/config-data-live
            [ -d "$live" ] || { live=/tmp/config-data-live-absent; mkdir -p "$live"; }
            set +e
            diff -ruN --no-dereference -I '^#.*HEADER.*' "$live" "$generated" >"$data/$NAME.diff"
            drc=$?
            set -e
            [ "$drc" -le 1 ] || exit "$drc"
        fi
        exit 0
        """##

    /// Writes the script to `path` (mode 0755) unless it is already there byte for byte; the write
    /// is atomic, so a container starting meanwhile sees the old or the new script, never half.
    /// - Returns: whether the file was written.
    static func install(at path: String, files: any FileSystem) throws -> Bool {
        let bytes = Array(text.utf8)
        if try files.read(path) == bytes, try files.status(path)?.permissions == 0o755 { return false }
        let directory = Paths.split(path).directory
        do {
            try Directories.createAll(directory, permissions: 0o755)
        } catch {
            throw ModuleFailure("script_dir: cannot create \(directory): \(error)")
        }
        try files.write(bytes, to: path, permissions: 0o755, uid: nil, gid: nil)
        return true
    }
}
