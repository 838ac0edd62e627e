from ansible_collections.overcloud.containers.plugins.action.merge_configs import ActionModule  # pylint: disable=unused-import
