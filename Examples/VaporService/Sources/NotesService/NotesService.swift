import ErrgenVapor
import Vapor

/// A small notes service whose errors are the catalog of `errors.yaml` (its routes are in
/// `Routes.swift`), started as Vapor's templates start a service, through its `serve` command:
/// `NotesService --hostname 127.0.0.1 --port 8080`. With `--conformance-routes` it also answers
/// /errgen/<catalog>/<code>?<name>=<value>…, which raises any error of the catalog with those
/// values, for errgen's conformance runner. Never in production.
@main
enum NotesService {
    static let conformanceFlag = "--conformance-routes"

    static func main() async throws {
        // The flag is the service's own: Vapor's commands see the arguments without it.
        var arguments = ProcessInfo.processInfo.arguments
        let conformanceRoutes = arguments.dropFirst().contains(conformanceFlag)
        arguments = Array(arguments.prefix(1)) + arguments.dropFirst().filter { $0 != conformanceFlag }
        var environment = try Environment.detect(arguments: arguments)
        try LoggingSystem.bootstrap(from: &environment)
        let app = try await Application.make(environment)
        do {
            notesRoutes(app, notes: Notes())
            if conformanceRoutes { app.addConformanceRoute(for: NotesError.self) }
            try await app.execute()
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
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
