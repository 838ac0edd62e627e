# overcloud.containers: `make demo` sets up and runs the demo, `make test` runs every test.
SHELL := /bin/bash
export OC_VENV ?= /tmp/oc-venv

.PHONY: help demo test setup build unit format check-binary robustness sanity integration bench bench-kolla bench-copy bench-roles bench-puppet bench-build bench-cluster bench-dropin bench-control-plane bench-tripleo clean

demo: build            ## set up, build and install the collection, run the demo playbook
	scripts/demo.sh

test: setup            ## every test: Swift unit tests, binary checks, sanity, real ansible-playbook
	scripts/test.sh

setup:                 ## apt packages + ansible-core venv (idempotent)
	scripts/setup.sh

build: setup           ## release binary + collection tarball in dist/
	scripts/build-collection.sh

unit:                  ## Swift unit tests
	swift test

format:                ## format Sources/ and Tests/ with swift-format (.swift-format); make test checks it
	scripts/format.sh

check-binary:          ## binary size, start time and glibc floor
	scripts/check-binary.sh

robustness:            ## the node binary on bad input (pytest)
	OC_NODE_BINARY=.build-release/release/overcloud-node $(OC_VENV)/bin/python -m pytest -q Tests/binary

sanity:                ## ansible-test sanity on the collection
	scripts/sanity.sh

integration:           ## ansible-test integration targets (real engine)
	scripts/integration.sh

bench: build           ## ours beside Kolla-Ansible's merge plugins, as ratios
	bench/merge_configs.sh

bench-kolla: build     ## kolla_docker beside Kolla-Ansible 23's kolla_container (N=30 lifecycle)
	bench/kolla_lifecycle.sh 30 3

bench-copy: build      ## container_image_prepare's image copy beside tripleo-common 18, skopeo sync, curl floor (N=30)
	bench/image_copy.sh 30 3

bench-roles: build     ## the service roles on the demo set: deploy / no-op / reconfigure / upgrade, bulk vs per-item
	bench/roles.sh 1

bench-puppet: build    ## puppet_config: N=10 config volumes with real Puppet, process_count 1 vs 4
	bench/puppet_config.sh 10 3

bench-build: build     ## image_build on images/: cold and no-op beside `docker build` one by one (the serial floor)
	OC_DEPLOY_BINARY=$${OC_DEPLOY_BINARY:-.build-release/release/overcloud-deploy} bench/image_build.sh 4

bench-cluster: build   ## the fast path on 1, 3 and 6 cluster nodes beside Kolla-Ansible 23's Python modules
	bench/cluster.sh

bench-dropin: build    ## Kolla-Ansible 23's own scenario with its modules and with ours, local and over SSH
	bench/kolla_dropin.sh 2

bench-control-plane: build  ## the real control plane: deploy / no-op / reconfigure, bulk reconcile vs per-item, Ansible floor
	bench/control_plane.sh

bench-tripleo: build   ## TripleO steps: tripleo_container_manage vs the per-container Jinja/kolla_docker sequence
	bench/tripleo_steps.sh

help:                  ## this list
	@grep -E '^[a-z-]+: .*## ' Makefile | awk -F ':[^#]*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

clean:                 ## remove the build folders and dist/
	rm -rf .build .build-release build dist
