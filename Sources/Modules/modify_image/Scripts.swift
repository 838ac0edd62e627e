/// The shell scripts the generated Dockerfiles run (POSIX sh, `set -eu`: any failing step fails the
/// build; nothing is swallowed). They are copied into the image under `/tmp/overcloud-modify/`
/// and remove that directory at the end.
enum Scripts {
    /// Picks the package manager: `PKG` = dnf, yum or apt-get.
    static let detectPackageManager = """
        if command -v dnf >/dev/null 2>&1; then PKG=dnf
        elif command -v yum >/dev/null 2>&1; then PKG=yum
        elif command -v apt-get >/dev/null 2>&1; then PKG=apt-get
        else echo "modify_image: this image has none of dnf, yum, apt-get" >&2; exit 1
        fi
        export DEBIAN_FRONTEND=noninteractive

        """

    /// Replaces the image's repository configuration with the files in `/tmp/overcloud-modify/repos.d`
    /// (`*.repo` → `/etc/yum.repos.d`; `*.list`/`*.sources` → `/etc/apt/sources.list.d`), if given.
    static let installRepos = """
        repos=/tmp/overcloud-modify/repos.d
        if [ -d "$repos" ]; then
            if [ "$PKG" = apt-get ]; then
                rm -f /etc/apt/sources.list
                rm -rf /etc/apt/sources.list.d
                mkdir -p /etc/apt/sources.list.d
                cp -a "$repos"/. /etc/apt/sources.list.d/
            else
                rm -rf /etc/yum.repos.d
                mkdir -p /etc/yum.repos.d
                cp -a "$repos"/. /etc/yum.repos.d/
            fi
        fi

        """

    /// Removes package caches and the script directory.
    static let cleanUp = """
        case "$PKG" in
            apt-get) apt-get clean; rm -rf /var/lib/apt/lists/* ;;
            *) "$PKG" clean all; rm -rf "/var/cache/$PKG" ;;
        esac
        rm -rf /tmp/overcloud-modify

        """

    /// `rpm_install`: installs every package in `/tmp/overcloud-modify/packages` (`$1` = rpm or deb).
    static let packageInstall = """
        #!/bin/sh
        # modify_image rpm_install: install the copied packages, replacing installed versions.
        set -eu
        cd /tmp/overcloud-modify/packages
        case "$1" in
            rpm)
                command -v rpm >/dev/null 2>&1 || { echo "modify_image: .rpm packages given but this image has no rpm" >&2; exit 1; }
                rpm --replacepkgs --replacefiles --oldpackage -Uvh ./*.rpm ;;
            deb)
                command -v dpkg >/dev/null 2>&1 || { echo "modify_image: .deb packages given but this image has no dpkg" >&2; exit 1; }
                dpkg -i ./*.deb ;;
        esac
        cd /
        rm -rf /tmp/overcloud-modify

        """

    /// `yum_update`: updates installed packages from the local packages, else from the repositories
    /// (`$1` = update_repo: with dnf/yum only the packages that repository provides).
    static let packageUpdate =
        "#!/bin/sh\n# modify_image yum_update: update installed packages.\nset -eu\n" + detectPackageManager + installRepos + """
            update_repo=${1:-}
            if [ -d /tmp/overcloud-modify/packages ]; then
                case "$PKG" in
                    apt-get) apt-get install -y --only-upgrade /tmp/overcloud-modify/packages/*.deb ;;
                    dnf) dnf -y upgrade /tmp/overcloud-modify/packages/*.rpm ;;
                    yum) yum -y localupdate /tmp/overcloud-modify/packages/*.rpm ;;
                esac
            elif [ "$PKG" = apt-get ]; then
                if [ -n "$update_repo" ]; then echo "modify_image: update_repo is not supported with apt-get" >&2; exit 1; fi
                apt-get update
                apt-get -y -o Dpkg::Options::=--force-confold upgrade
            elif [ -n "$update_repo" ]; then
                command -v repoquery >/dev/null 2>&1 || "$PKG" -y install dnf-plugins-core yum-utils || true
                packages=""
                for name in $(repoquery --disablerepo='*' --enablerepo="$update_repo" --qf '%{NAME}' -a | sort -u); do
                    if rpm -q "$name" >/dev/null 2>&1; then packages="$packages $name"; fi
                done
                if [ -z "$packages" ]; then echo "No packages were found for update..."; rm -rf /tmp/overcloud-modify; exit 0; fi
                "$PKG" -y update $packages
            else
                "$PKG" -y update
            fi

            """ + cleanUp

    /// `yum_install`: installs the named packages (`$@`) from the repositories.
    static let packageInstallNamed =
        "#!/bin/sh\n# modify_image yum_install: install packages by name.\nset -eu\n" + detectPackageManager + installRepos + """
            if [ "$#" -eq 0 ]; then echo "No packages were specified to install..." >&2; exit 1; fi
            if [ "$PKG" = apt-get ]; then
                apt-get update
                apt-get install -y --no-install-recommends "$@"
            else
                "$PKG" -y install "$@"
            fi

            """ + cleanUp

    /// `dev_install`: pip-installs every source tree in `/tmp/overcloud-modify/dev` (offline: no
    /// index, no dependencies, no build isolation), installing pip first when the image lacks it.
    static let devInstall = """
        #!/bin/sh
        # modify_image dev_install: install local python source trees with pip.
        set -eu
        if ! python3 -m pip --version >/dev/null 2>&1; then

        """ + detectPackageManager + """
                if [ "$PKG" = apt-get ]; then apt-get update; apt-get install -y --no-install-recommends python3-pip
                else "$PKG" -y install python3-pip; fi
            fi
            for tree in /tmp/overcloud-modify/dev/*/; do
                echo "installing $tree"
                PIP_BREAK_SYSTEM_PACKAGES=1 PIP_ROOT_USER_ACTION=ignore python3 -m pip install \\
                    --no-index --no-deps --no-build-isolation --no-cache-dir "$tree"
            done
            rm -rf /tmp/overcloud-modify

            """

    /// `patch`: applies every patch in `/tmp/overcloud-modify/patches` in order with `patch -p1`
    /// in `$1`; a patch that does not apply (or is already applied) fails the build.
    static let applyPatches = """
        #!/bin/sh
        # modify_image patch: apply unified diffs with patch -p1.
        set -eu
        if ! command -v patch >/dev/null 2>&1; then

        """ + detectPackageManager + """
                if [ "$PKG" = apt-get ]; then apt-get update; apt-get install -y --no-install-recommends patch
                else "$PKG" -y install patch; fi
            fi
            cd "$1"
            for p in /tmp/overcloud-modify/patches/*; do
                echo "applying $(basename "$p") in $1"
                patch -p1 --forward --batch --no-backup-if-mismatch < "$p"
            done
            rm -rf /tmp/overcloud-modify

            """
}
