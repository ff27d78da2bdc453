import ErrgenRuntime
import Generated
import HTTPTypes

/// Deletes a directory of the store and answers as RAWS does: errors become RAWS's XML
/// documents, with the status, headers and negotiation the spec promises.
func deleteDirectory(_ request: HTTPRequest, in store: DirectoryStore) -> (HTTPResponse, [UInt8]) {
    do {
        try store.delete(request.path ?? "/")
        return (HTTPResponse(status: .noContent), [])
    } catch {
        let response = error.response(to: request)
        return (response.head, response.body)
    }
}

struct DirectoryStore {
    var directories: [String: [String]]

    func delete(_ path: String) throws(RAWSError) {
        guard let entries = directories[path] else {
            throw .noSuchDir(reason: "There is no directory at \(path).")
        }
        guard entries.isEmpty else {
            throw .dirNotEmpty(reason: "\(path) holds \(entries.count) items.")
        }
    }
}
