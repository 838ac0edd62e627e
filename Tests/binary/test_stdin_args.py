"""`<binary> <module> -` reads the module arguments from stdin (the fast path's one-command form)."""
import json
import subprocess


def test_args_from_stdin(node_binary, tmp_path):
    dest = tmp_path / "out.yml"
    args = {"contents": ["a: 1\n"], "dest": str(dest), "_ansible_check_mode": False, "_ansible_module_name": "merge_yaml"}
    out = subprocess.run([str(node_binary), "merge_yaml", "-"], input=json.dumps(args), capture_output=True, text=True)
    result = json.loads(out.stdout)
    assert result["changed"] is True and dest.read_text() == "a: 1\n"


def test_empty_stdin_fails_cleanly(node_binary):
    out = subprocess.run([str(node_binary), "merge_yaml", "-"], input="", capture_output=True, text=True)
    result = json.loads(out.stdout)
    assert result["failed"] is True and "not valid JSON" in result["msg"]
