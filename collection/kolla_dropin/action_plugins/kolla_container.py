from ansible_collections.overcloud.containers.plugins.plugin_utils.kolla_dropin import KollaContainerAction as ActionModule  # pylint: disable=unused-import
