import ArgumentParser
import ErrgenHummingbird
import Hummingbird

/// A small notes service whose errors are the catalog of `errors.yaml` (its routes are in
/// `Routes.swift`), started as Hummingbird's templates start a service:
/// `NotesService --hostname 127.0.0.1 --port 8080`.
@main
struct NotesService: AsyncParsableCommand {
    @Option(name: .shortAndLong, help: "The address to listen on.")
    var hostname = "127.0.0.1"

    @Option(name: .shortAndLong, help: "The port to listen on.")
    var port = 8080

    @Flag(help: "Also answer /errgen/<catalog>/<code>?<name>=<value>…, which raises any error of the catalog with those values, for errgen's conformance runner. Never in production.")
    var conformanceRoutes = false

    func run() async throws {
        let app = Application(
            router: Self.router(conformanceRoutes: conformanceRoutes),
            configuration: .init(address: .hostname(hostname, port: port), serverName: "NotesService")
        )
        try await app.runService()
    }

    static func router(conformanceRoutes: Bool) -> Router<BasicRequestContext> {
        let router = notesRouter(notes: Notes())
        if conformanceRoutes { router.addConformanceRoute(for: NotesError.self) }
        return router
    }
}

/// A note as a client sends it; `tags` may be left out.
struct NewNote: Decodable {
    var text: String
    var tags: [String]?
}

/// The notes, in memory.
actor Notes {
    static let limit = 280
    static let tags: Set = ["home", "work", "ideas"]

    private var texts: [Int: String] = [1: "Buy milk."]

    func text(of id: Int) -> String? { texts[id] }

    /// Adds a note and returns its id.
    func add(_ note: NewNote) throws(NotesError) -> Int {
        guard note.text.count <= Self.limit else { throw .noteTooLong(limit: Self.limit, length: note.text.count) }
        let unknown = (note.tags ?? []).filter { !Self.tags.contains($0) }
        guard unknown.isEmpty else { throw .invalidTags(tags: unknown) }
        let id = (texts.keys.max() ?? 0) + 1
        texts[id] = note.text
        return id
    }
}
