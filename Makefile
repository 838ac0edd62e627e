# overcloud.containers: `make demo` sets up and runs the demo, `make test` runs every test.
SHELL := /bin/bash
export OC_VENV ?= /tmp/oc-venv

.PHONY: demo test setup build unit check-binary robustness sanity integration bench bench-kolla clean

demo: build            ## set up, build and install the collection, run the demo playbook
	scripts/demo.sh

test: setup            ## every test: Swift unit tests, binary checks, sanity, real ansible-playbook
	scripts/test.sh

setup:                 ## apt packages + ansible-core venv (idempotent)
	scripts/setup.sh

build: setup           ## release binary + collection tarball in dist/
	scripts/build-collection.sh

unit:
	swift test

check-binary:
	scripts/check-binary.sh

robustness:
	OC_NODE_BINARY=.build-release/release/overcloud-node $(OC_VENV)/bin/python -m pytest -q Tests/binary

sanity:
	scripts/sanity.sh

integration:
	scripts/integration.sh

bench: build           ## ours beside Kolla-Ansible's merge plugins, as ratios
	bench/merge_configs.sh

bench-kolla: build     ## kolla_docker beside Kolla-Ansible 23's kolla_container (N=30 lifecycle)
	bench/kolla_lifecycle.sh 30 3

clean:
	rm -rf .build .build-release build dist
