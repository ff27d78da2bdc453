import ErrgenOpenAPI
import ErrgenRuntime
import OpenAPIRuntime

/// The notes API's operations, as swift-openapi-generator declares them from openapi.json; every
/// failure is an error of errors.yaml's catalog, thrown as it is.
public struct NotesHandler: APIProtocol {
    let notes: Notes

    public init(notes: Notes = Notes()) {
        self.notes = notes
    }

    public func getNote(_ input: Operations.GetNote.Input) async throws -> Operations.GetNote.Output {
        let id = input.path.id
        guard let text = await notes.text(of: id) else { throw NotesError.noteNotFound(id: id) }
        return .ok(.init(body: .json(.init(id: id, text: text))))
    }

    public func addNote(_ input: Operations.AddNote.Input) async throws -> Operations.AddNote.Output {
        guard case let .json(note) = input.body else { throw NotesError.malformedRequest(reason: "The body is not JSON.") }
        let id = try await notes.add(text: note.text, tags: note.tags ?? [])
        return .created(.init(body: .json(.init(id: id, text: note.text))))
    }

    /// Registers the operations on a transport, with the middleware that answers catalog errors
    /// as their spec promises, and a request the runtime cannot read as `malformed-request`.
    public func register(on transport: any ServerTransport) throws {
        try registerHandlers(on: transport, middlewares: [
            ErrgenServerMiddleware { error, _ in
                error.httpStatus == .badRequest ? NotesError.malformedRequest(reason: error.causeDescription) : nil
            },
        ])
    }
}

/// The notes, in memory.
public actor Notes {
    static let limit = 280
    static let tags: Set = ["home", "work", "ideas"]

    private var texts: [Int: String] = [1: "Buy milk."]

    public init() {}

    func text(of id: Int) -> String? { texts[id] }

    /// Adds a note and returns its id.
    func add(text: String, tags: [String]) throws(NotesError) -> Int {
        guard text.count <= Self.limit else { throw .noteTooLong(limit: Self.limit, length: text.count) }
        let unknown = tags.filter { !Self.tags.contains($0) }
        guard unknown.isEmpty else { throw .invalidTags(tags: unknown) }
        let id = (texts.keys.max() ?? 0) + 1
        texts[id] = text
        return id
    }
}
