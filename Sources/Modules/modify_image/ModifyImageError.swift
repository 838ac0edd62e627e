/// Why a modification cannot be planned. Each names the parameter at fault.
enum ModifyImageError: Error, Equatable, CustomStringConvertible {
    /// A parameter the mode needs is missing or empty.
    case missing(String, String)
    /// A reference or tag that cannot work.
    case badReference(String, String)
    /// A file or directory given by a parameter is missing, unreadable or unusable.
    case badInput(String, String)

    var description: String {
        switch self {
        case .missing(let param, let why), .badReference(let param, let why), .badInput(let param, let why):
            return "\(param): \(why)"
        }
    }
}
