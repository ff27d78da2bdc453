import ErrgenVapor
import Vapor

/// The service's routes. Each throws its catalog's errors as they are; the one line of
/// `ErrgenMiddleware` turns them into the responses the spec promises, negotiated against the
/// request, and Vapor's own errors into the catalog's.
func notesRoutes(_ app: Application, notes: Notes) {
    // After Vapor's ErrorMiddleware, so inside it: this sees every error first, unknown routes'
    // too. HEAD is answered by the GET routes: their errors then go out without a body.
    app.middleware.use(ErrgenMiddleware { error, request in
        switch error.status {
        case .notFound: NotesError.routeNotFound(path: request.url.path)
        case .badRequest, .unprocessableEntity: NotesError.malformedRequest(reason: error.reason)
        default: nil
        }
    })
    app.get("notes", ":id") { request async throws -> String in
        let id = try request.parameters.require("id", as: Int.self)
        guard let text = await notes.text(of: id) else { throw NotesError.noteNotFound(id: id) }
        return text
    }
    app.post("notes") { request async throws -> String in
        let note = try request.content.decode(NewNote.self)
        return String(try await notes.add(note))
    }
}
