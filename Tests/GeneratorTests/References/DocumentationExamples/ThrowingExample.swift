import ErrgenRuntime
import Generated

/// Looks a user up, failing with RAWS's own error.
func user(named name: String, in users: [String: Int]) throws(RAWSError) -> Int {
    guard let id = users[name] else { throw .noSuchUser(reason: "User '\(name)' does not exist.") }
    return id
}

func describe(_ name: String, in users: [String: Int]) -> String {
    do {
        return "user \(try user(named: name, in: users))"
    } catch where error.code == .noSuchUser {
        // A typed throw: `error` is a RAWSError already, so match its code, not its type.
        return "\(error.statusCode) \(error.wireCode): \(error.reason)"
    } catch {
        return error.message
    }
}
