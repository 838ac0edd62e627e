import MergeYAML
import Testing
import YAML

/// Kolla-Ansible's `Utils.update_nested_conf` (reference §3): the upstream `tests/test_merge_yaml.py` table,
/// the Kolla crash we deliberately replace, and Python object identity as `yaml.dump` shows it. Expected
/// texts come from running Kolla's function and PyYAML 6.0.3.
struct NestedMergeTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let conf: YAMLValue
        let update: YAMLValue
        let extendLists: Bool
        let expected: YAMLValue
        var testDescription: String { name }
    }

    static let upstream: [Row] = [
        Row(
            name: "no_update", conf: ["foo": "bar", "egg": "spam"], update: [:], extendLists: false,
            expected: ["foo": "bar", "egg": "spam"]),
        Row(
            name: "flat_update_key", conf: ["foo": "bar", "egg": "spam"], update: ["egg": "ham"], extendLists: false,
            expected: ["foo": "bar", "egg": "ham"]),
        Row(
            name: "flat_new_key", conf: ["foo": "bar", "egg": "spam"], update: ["spam": "ham"], extendLists: false,
            expected: ["foo": "bar", "egg": "spam", "spam": "ham"]),
        Row(
            name: "nested_update_key", conf: ["foo": ["a": "b"], "bar": ["a": false, "b": "INFO"]],
            update: ["bar": ["a": true]], extendLists: false,
            expected: ["foo": ["a": "b"], "bar": ["a": true, "b": "INFO"]]),
        Row(
            name: "nested_new_key", conf: ["foo": ["a": "b", "c": 30]], update: ["egg": ["spam": 10]], extendLists: false,
            expected: ["foo": ["a": "b", "c": 30], "egg": ["spam": 10]]),
        Row(
            name: "nested_new_nested_key", conf: ["foo": ["a": "b", "c": 30]], update: ["foo": ["spam": 10]],
            extendLists: false, expected: ["foo": ["a": "b", "c": 30, "spam": 10]]),
        Row(
            name: "nested_extend_lists", conf: ["level0": ["level1": ["mylist": ["one", "two"]]]],
            update: ["level0": ["level1": ["mylist": ["three"]]]], extendLists: true,
            expected: ["level0": ["level1": ["mylist": ["one", "two", "three"]]]]),
        // Beyond the upstream table:
        Row(
            name: "lists_replace_without_extend", conf: ["l": [1, 2]], update: ["l": [3]], extendLists: false,
            expected: ["l": [3]]),
        Row(
            name: "extend_keeps_duplicates_and_does_not_merge_items", conf: ["l": [1, ["a": 1]]],
            update: ["l": [1, ["b": 2]]], extendLists: true, expected: ["l": [1, ["a": 1], 1, ["b": 2]]]),
        Row(name: "scalar_replaced_by_list", conf: ["a": 1], update: ["a": [1]], extendLists: true, expected: ["a": [1]]),
        Row(name: "null_overrides", conf: ["a": ["b": 1]], update: ["a": nil], extendLists: false, expected: ["a": nil]),
        Row(name: "empty_dict_keeps_scalar", conf: ["a": 1], update: ["a": [:]], extendLists: false, expected: ["a": 1]),
        Row(name: "empty_dict_keeps_list", conf: ["a": [1]], update: ["a": [:]], extendLists: true, expected: ["a": [1]]),
        Row(name: "empty_dict_keeps_null", conf: ["a": nil], update: ["a": [:]], extendLists: false, expected: ["a": nil]),
        // Kolla crashes (TypeError) on these; we take the later mapping.
        Row(
            name: "fixed_scalar_to_mapping", conf: ["a": "text"], update: ["a": ["b": 1]], extendLists: false,
            expected: ["a": ["b": 1]]),
        Row(
            name: "fixed_list_to_mapping", conf: ["a": [1]], update: ["a": ["b": ["c": 1]]], extendLists: true,
            expected: ["a": ["b": ["c": 1]]]),
        Row(
            name: "fixed_null_to_mapping", conf: ["a": nil], update: ["a": ["b": 1]], extendLists: false,
            expected: ["a": ["b": 1]]),
        // Python dict keys: 1, 1.0 and True are one key; the first spelling and position stay.
        Row(
            name: "python_key_equality", conf: [1: "x", "b": 2], update: [true: "y", 1.0: "z"], extendLists: false,
            expected: [1: "z", "b": 2]),
    ]

    @Test(arguments: upstream)
    func updateNestedConf(_ row: Row) throws {
        let merged = try NestedMerge.merge(row.conf, row.update, extendLists: row.extendLists)
        #expect(merged == row.expected)
        #expect(YAML.dump(merged) == YAML.dump(row.expected))
    }

    @Test func extendListsMismatchTypes() {
        let conf: YAMLValue = ["level0": ["level1": ["mylist": ["one", "two"]]]]
        let update: YAMLValue = ["level0": ["level1": ["mylist": "three"]]]
        do {
            _ = try NestedMerge.merge(conf, update, extendLists: true)
            Issue.record("expected a failure")
        } catch {
            #expect(error.description.hasPrefix("Failure merging key"))
            #expect(
                error.description
                    == "Failure merging key `mylist` in dictionary `{'mylist': ['one', 'two']}`. Expecting a list, but received: `three`, which is of type: `<class 'str'>`"
            )
        }
    }

    @Test func failureMessagesQuotePython() {
        func message(_ conf: YAMLValue, _ update: YAMLValue) -> String {
            do {
                _ = try NestedMerge.merge(conf, update, extendLists: true)
                return "no failure"
            } catch {
                return error.description
            }
        }
        // The dictionary is shown as it stands when the failing key is reached (earlier keys applied).
        #expect(
            message(["a": [1], "b": 2.5], ["b": nil, "a": 2])
                == "Failure merging key `a` in dictionary `{'a': [1], 'b': None}`. Expecting a list, but received: `2`, which is of type: `<class 'int'>`"
        )
        #expect(
            message(["a": [1]], ["a": nil])
                == "Failure merging key `a` in dictionary `{'a': [1]}`. Expecting a list, but received: `None`, which is of type: `<class 'NoneType'>`"
        )
        #expect(
            message(["a": ["x"], "c": ["d": true]], ["c": ["e": 1], "a": "it's"])
                == "Failure merging key `a` in dictionary `{'a': ['x'], 'c': {'d': True, 'e': 1}}`. Expecting a list, but received: `it's`, which is of type: `<class 'str'>`"
        )
    }

    @Test func readConfigAfterLstripBlocks() throws {
        // Upstream read_config_lstrip_blocks: what the templar leaves for yaml.safe_load.
        let rendered = "foo:\n  bar: baz\n  extra: value\n  qux: quux\n"
        let merged = try NestedMerge.merge([try #require(try YAML.load(rendered))])
        #expect(merged == ["foo": ["bar": "baz", "extra": "value", "qux": "quux"]])
    }

    /// merge_yaml over several sources keeps Python's object identity: lists stay shared, `extend` grows the
    /// one list everywhere, dicts reached through keys are copies (but their lists are not).
    @Test func sharedObjectsAcrossSources() throws {
        let first = try #require(try YAML.load("a: &l [1]\nb: *l\nc: [*l]\nd: &m {x: [1]}\ne: [*m]\n"))
        let second = try #require(try YAML.load("a: [2]\nd: {x: [3]}\n"))
        let merged = try NestedMerge.merge([first, second], extendLists: true)
        #expect(
            YAML.dump(merged) == """
                a: &id001
                - 1
                - 2
                b: *id001
                c:
                - *id001
                d:
                  x: &id002
                  - 1
                  - 3
                e:
                - x: *id002

                """)
        let twice = try NestedMerge.merge(
            [try #require(try YAML.load("a: &l [1]\nb: *l\n")), try #require(try YAML.load("a: [2]\nb: [3]\n"))],
            extendLists: true)
        #expect(YAML.dump(twice) == "a: &id001\n- 1\n- 2\n- 3\nb: *id001\n")
    }

    /// Kolla does not crash on a dict with int keys over a list: Python indexes the list.
    @Test func intKeyedMappingOverListAssignsByIndex() throws {
        #expect(try NestedMerge.merge(["a": ["x", "y"]], ["a": [0: "z"]]) == ["a": ["z", "y"]])
        #expect(try NestedMerge.merge(["a": ["x", "y"]], ["a": [-1: "z", true: "w"]]) == ["a": ["x", "w"]])
        // Out of range (IndexError in Kolla) or a str key (TypeError): we take the later mapping.
        #expect(try NestedMerge.merge(["a": ["x"]], ["a": [5: "z"]]) == ["a": [5: "z"]])
        #expect(try NestedMerge.merge(["a": ["x"]], ["a": ["k": "z"]]) == ["a": ["k": "z"]])
    }

    @Test func emptyResultDumpsAsEmptyMapping() throws {
        #expect(YAML.dump(try NestedMerge.merge([YAMLValue]())) == "{}\n")
    }
}
