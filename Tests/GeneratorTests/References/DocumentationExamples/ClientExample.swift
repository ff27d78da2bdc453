import ErrgenRuntime
import Generated
import HTTPTypes

/// What a client makes of a response from a RestAuth server.
func explain(_ response: HTTPResponse, body: [UInt8]) -> String {
    do {
        switch try RestAuthError.decode(response, body: body) {
        case let .known(error) where error.code == .serviceNotAllowedFromAddress:
            // Typed values, read from the JSON (or from the message of a text body).
            return "\(error.service ?? "?") may not authenticate from \(error.ipAddress ?? "?")"
        case let .known(error):
            return error.message
        case let .unknown(error):
            // A code this catalog does not know: its status, code and message, as they came.
            return "\(error.status.code) \(error.code ?? "-"): \(error.message ?? "")"
        }
    } catch {
        return "not a RestAuth error: \(error)"
    }
}
