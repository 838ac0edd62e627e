from ansible_collections.overcloud.containers.plugins.action.merge_yaml import ActionModule  # pylint: disable=unused-import
