import JSON

/// One difference between the desired and the running container, as Kolla reports it in
/// `comparison_failures`.
struct ComparisonFailure: Equatable {
    var name: String
    var current: JSONValue
    var desired: JSONValue

    var json: JSONValue { ["name": .string(name), "current": current, "desired": desired] }
}
