import JSON
import ModuleKit
import ModuleTesting
import Testing

@Suite struct TypeConversionTests {
    func params(_ args: JSONObject) -> JSONObject? {
        runModule(Probe.self, args: args)["params"]?.objectValue
    }

    @Test(
        arguments: [
            ("flag", JSONValue.string("yes"), JSONValue.bool(true)), ("flag", "on", true), ("flag", "True", true), ("flag", 1, true),
            ("flag", "1", true), ("flag", "t", true), ("flag", "no", false), ("flag", "OFF", false), ("flag", 0, false), ("flag", "f", false),
            ("flag", 1.0, true), ("flag", 0.0, false),
            ("count", "5", 5), ("count", " -7 ", -7), ("count", "1_000", 1000), ("count", 4.0, 4), ("count", true, 1),
            ("ratio", "1.5", 1.5), ("ratio", 2, 2.0), ("ratio", "1e3", 1000.0),
            ("name", 123, "123"), ("name", true, "True"), ("name", 1.5, "1.5"),
            ("names", "a,b,,c", ["a", "b", "", "c"]), ("names", 7, ["7"]), ("names", ["x"], ["x"]),
            ("items", ["1", 2, "3"], [1, 2, 3]),
            ("settings", "a=1 b='two words'", ["a": "1", "b": "two words"]), ("settings", #"{"k": [1]}"#, ["k": [1]]),
            ("blob", ["k": 1], #"{"k": 1}"#), ("blob", " [1] ", "[1]"),
            ("anything", ["x": [1, nil]], ["x": [1, nil]]),
        ] as [(String, JSONValue, JSONValue)])
    func converts(option: String, input: JSONValue, expected: JSONValue) throws {
        let got = try #require(params([option: input]))
        #expect(got[option] == expected)
    }

    @Test(
        arguments: [
            (
                "flag", JSONValue.string("maybe"),
                "argument 'flag' is of type <class 'str'> and we were unable to convert to bool: The value 'maybe' is not a valid boolean."
            ),
            (
                "count", "abc",
                "argument 'count' is of type <class 'str'> and we were unable to convert to int: <class 'str'> cannot be converted to an int"
            ),
            (
                "count", 1.5,
                "argument 'count' is of type <class 'float'> and we were unable to convert to int: <class 'float'> cannot be converted to an int"
            ),
            (
                "ratio", "x1",
                "argument 'ratio' is of type <class 'str'> and we were unable to convert to float: <class 'str'> cannot be converted to a float"
            ),
            (
                "names", ["k": 1],
                "argument 'names' is of type <class 'dict'> and we were unable to convert to list: <class 'dict'> cannot be converted to a list"
            ),
            (
                "settings", "nonsense",
                "argument 'settings' is of type <class 'str'> and we were unable to convert to dict: dictionary requested, could not parse JSON or key=value"
            ),
            (
                "settings", [1],
                "argument 'settings' is of type <class 'list'> and we were unable to convert to dict: <class 'list'> cannot be converted to a dict"
            ),
            (
                "items", ["1", "x"],
                "Elements value for option 'items' is of type <class 'str'> and we were unable to convert to int: <class 'str'> cannot be converted to an int"
            ),
            (
                "blob", 3,
                "argument 'blob' is of type <class 'int'> and we were unable to convert to json: <class 'int'> cannot be converted to a json string"
            ),
        ] as [(String, JSONValue, String)])
    func failsWithAnsibleWording(option: String, input: JSONValue, message: String) throws {
        let result = runModule(Probe.self, args: [option: input])
        #expect(result["failed"] == .bool(true))
        let msg = try #require(result["msg"]?.stringValue)
        #expect(msg.hasPrefix(message), "\(msg)")
        #expect(result["changed"] == .bool(false))
    }

    @Test func warnsWhenANonStringBecomesAString() throws {
        let result = runModule(Probe.self, args: ["name": 42])
        let warnings = try #require(result["warnings"]?.arrayValue)
        #expect(warnings.first?.stringValue?.hasPrefix("The value 42 (type int) was converted to '42' (type string).") == true)
    }

    @Test func expandsPaths() throws {
        let got = try #require(params(["where": "~/x"]))
        let expanded = try #require(got["where"]?.stringValue)
        #expect(!expanded.hasPrefix("~") && expanded.hasSuffix("/x"))
    }

    @Test func nullMeansNotGiven() throws {
        let got = try #require(params(["state": nil, "name": nil]))
        #expect(got["state"] == "present")
        #expect(got["name"] == nil)
    }
}
