import ErrgenHummingbird
import Hummingbird

/// The service's routes. Each throws its catalog's errors as they are; the one line of
/// `ErrgenMiddleware` turns them into the responses the spec promises, negotiated against the
/// request, and Hummingbird's own errors into the catalog's.
func notesRouter(notes: Notes) -> Router<BasicRequestContext> {
    // HEAD is answered by the GET routes: their errors then go out without a body.
    let router = Router(options: .autoGenerateHeadEndpoints)
    router.add(middleware: ErrgenMiddleware { error, request in
        switch error.status {
        case .notFound: NotesError.routeNotFound(path: request.uri.path)
        case .badRequest: NotesError.malformedRequest(reason: error.body ?? "It is not what the route takes.")
        default: nil
        }
    })
    router.get("/notes/:id") { _, context -> String in
        let id = try context.parameters.require("id", as: Int.self)
        guard let text = await notes.text(of: id) else { throw NotesError.noteNotFound(id: id) }
        return text
    }
    router.post("/notes") { request, context -> String in
        let note = try await request.decode(as: NewNote.self, context: context)
        return String(try await notes.add(note))
    }
    return router
}
