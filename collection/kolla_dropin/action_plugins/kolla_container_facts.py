from ansible_collections.overcloud.containers.plugins.plugin_utils.kolla_dropin import ContainerFactsAction as ActionModule  # pylint: disable=unused-import
