from ansible_collections.overcloud.containers.plugins.plugin_utils.kolla_dropin import KollaContainerFactsAction as ActionModule  # pylint: disable=unused-import
