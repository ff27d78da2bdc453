import Foundation

/// An API's OpenAPI document made whole: every `$ref` to a component of another document
/// (`errors/shop.openapi.json#/components/responses/ShopError.404`) becomes a reference inside the
/// document (`#/components/responses/ShopError.404`), and the component, with every component it
/// refers to in turn, is copied into the document's `components`. Tools that read one file only
/// (swift-openapi-generator among them) then see errgen's responses as the API's own.
///
/// The document is YAML or JSON (read by errgen's YAML loader, under its limits); the bundle is
/// JSON, its members in the document's order, the copied components after the document's own in
/// the order they were first referred to. A reference into another document must name a
/// component (`#/components/<kind>/<name>`); a name the document already uses for another
/// component, or that two documents give to different components, is an error, as is a file or
/// component that does not exist.
public struct OpenAPIBundler {
    /// Reads a file's bytes by its path; throws when there is none.
    public typealias Reader = (String) throws -> [UInt8]

    let read: Reader
    let loader = YAMLLoader()

    /// The documents read so far, by path.
    private var documents: [String: OrderedJSON] = [:]
    /// Where each node of the documents starts, for diagnostics: per path, by JSON pointer.
    private var refLocations: [String: SourceLocation] = [:]
    /// The components copied in, by kind, in the order they were first referred to.
    private var copied: [(kind: String, name: String, value: OrderedJSON)] = []
    /// Which component (file and pointer) each copied name stands for.
    private var origins: [String: String] = [:]
    private var diagnostics = DiagnosticCollector()

    public init(read: @escaping Reader = OpenAPIBundler.readFile) {
        self.read = read
    }

    public static func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(.error("cannot read the file", file: path))
        }
        return [UInt8](data)
    }

    /// The bundle of the document at `path`.
    public mutating func bundle(_ path: String) throws(DiagnosticError) -> OrderedJSON {
        let root = try document(path, from: nil)
        guard case var .object(members) = root else {
            throw DiagnosticError(.error("an OpenAPI document must be a mapping", file: path, at: SourceLocation(line: 1, column: 1)))
        }
        var own: Set<String> = []
        if case let .object(kinds)? = root["components"] {
            for kind in kinds {
                if case let .object(components) = kind.value {
                    for component in components { own.insert(kind.key + "/" + component.key) }
                }
            }
        }
        let rewritten = rewrite(root, file: path, pointer: "", rootFile: path, own: own)
        guard case let .object(rewrittenMembers) = rewritten else { return rewritten }
        members = rewrittenMembers
        if diagnostics.hasErrors { throw DiagnosticError(diagnostics.sorted) }
        guard !copied.isEmpty else { return .object(members) }
        // The copied components after the document's own, a kind at a time.
        var components: [OrderedJSON.Member] = []
        if let index = members.firstIndex(where: { $0.key == "components" }), case let .object(existing) = members[index].value {
            components = existing
        }
        for item in copied {
            if let index = components.firstIndex(where: { $0.key == item.kind }) {
                guard case var .object(entries) = components[index].value else { continue }
                entries.append(.init(item.name, item.value))
                components[index].value = .object(entries)
            } else {
                components.append(.init(item.kind, .object([.init(item.name, item.value)])))
            }
        }
        if let index = members.firstIndex(where: { $0.key == "components" }) {
            members[index].value = .object(components)
        } else {
            members.append(.init("components", .object(components)))
        }
        return .object(members)
    }

    /// The document at `path` (relative to the folder of `from`, the document that refers to it).
    private mutating func document(_ path: String, from: String?) throws(DiagnosticError) -> OrderedJSON {
        if let document = documents[path] { return document }
        let bytes: [UInt8]
        do {
            bytes = try read(path)
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw DiagnosticError(.error("cannot read the file: \(error)", file: path))
        }
        let node = try loader.loadDocument(bytes, file: path)
        let value = try Self.convert(node, file: path, pointer: "", locations: &refLocations)
        documents[path] = value
        return value
    }

    /// A YAML node as JSON: scalars as YAML's core schema reads them; keys must be strings.
    static func convert(_ node: YAMLNode, file: String, pointer: String, locations: inout [String: SourceLocation]) throws(DiagnosticError) -> OrderedJSON {
        locations[file + "#" + pointer] = node.location
        switch node.kind {
        case let .scalar(scalar):
            switch scalar.resolved {
            case .null: return .value(.null)
            case let .bool(b): return .value(.bool(b))
            case let .int(n): return .value(.int(n))
            case let .float(x):
                guard x.isFinite else { throw DiagnosticError(.error("'\(scalar.value)' is not a JSON number", file: file, at: node.location)) }
                return .value(.double(x))
            case let .string(s): return .value(.string(s))
            }
        case let .sequence(items):
            var converted: [OrderedJSON] = []
            for (index, item) in items.enumerated() {
                converted.append(try convert(item, file: file, pointer: pointer + "/\(index)", locations: &locations))
            }
            return .array(converted)
        case let .mapping(pairs):
            var members: [OrderedJSON.Member] = []
            for pair in pairs {
                guard let key = pair.key.scalar?.value else {
                    throw DiagnosticError(.error("a key of a JSON object must be a string", file: file, at: pair.key.location))
                }
                members.append(.init(key, try convert(pair.value, file: file, pointer: pointer + "/" + escape(key), locations: &locations)))
            }
            return .object(members)
        }
    }

    /// A key as a JSON pointer writes it (RFC 6901).
    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func unescape(_ token: Substring) -> String {
        token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    /// `value` (at `pointer` in `file`) with its references to other documents made internal.
    private mutating func rewrite(_ value: OrderedJSON, file: String, pointer: String, rootFile: String, own: Set<String>) -> OrderedJSON {
        switch value {
        case .value: return value
        case let .array(items):
            return .array(items.enumerated().map { rewrite($1, file: file, pointer: pointer + "/\($0)", rootFile: rootFile, own: own) })
        case let .object(members):
            return .object(members.map { member in
                let at = pointer + "/" + Self.escape(member.key)
                if member.key == "$ref", case let .value(.string(reference)) = member.value {
                    return .init("$ref", .value(.string(resolve(reference, file: file, at: at, rootFile: rootFile, own: own))))
                }
                return .init(member.key, rewrite(member.value, file: file, pointer: at, rootFile: rootFile, own: own))
            })
        }
    }

    /// The reference `reference` (written at `at` in `file`) as the bundle writes it, the
    /// component it names copied in when it lies in another document.
    private mutating func resolve(_ reference: String, file: String, at: String, rootFile: String, own: Set<String>) -> String {
        let location = refLocations[file + "#" + at]
        let hash = reference.firstIndex(of: "#") ?? reference.endIndex
        let target = String(reference[..<hash])
        let fragment = hash < reference.endIndex ? String(reference[reference.index(after: hash)...]) : ""
        if target.contains("://") {
            diagnostics.error("'\(reference)' refers to a document on the web; errgen bundles files only", file: file, at: location)
            return reference
        }
        let targetFile = target.isEmpty ? file : Self.join(file, target)
        if targetFile == rootFile { return "#" + fragment }
        let parts = fragment.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].isEmpty, parts[1] == "components" else {
            diagnostics.error("'\(reference)' must name a component of the other document (#/components/<kind>/<name>)", file: file, at: location)
            return reference
        }
        let kind = Self.unescape(parts[2]), name = Self.unescape(parts[3])
        let key = kind + "/" + name
        let origin = targetFile + "#" + fragment
        let inside = "#/components/" + Self.escape(kind) + "/" + Self.escape(name)
        if let previous = origins[key] {
            if previous != origin {
                diagnostics.error("components.\(kind).\(name) would be copied from two documents: \(previous) and \(origin)", file: file, at: location)
            }
            return inside
        }
        if own.contains(key) {
            diagnostics.error("components.\(kind).\(name) of \(targetFile) has the name of one of the document's own components", file: file, at: location)
            return reference
        }
        origins[key] = origin
        let document: OrderedJSON
        do {
            document = try self.document(targetFile, from: file)
        } catch {
            // A file that cannot be read is reported where it is referred to; one that is not an
            // OpenAPI document, where its own diagnostics say.
            if error.diagnostics.allSatisfy({ $0.location == nil }) {
                diagnostics.error("'\(reference)' refers to \(targetFile), which cannot be read", file: file, at: location)
            } else {
                diagnostics.append(contentsOf: error.diagnostics)
            }
            return reference
        }
        guard let component = document["components"]?[kind]?[name] else {
            diagnostics.error("\(targetFile) has no components.\(kind).\(name)", file: file, at: location)
            return reference
        }
        let index = copied.count
        copied.append((kind, name, .value(.null)))
        copied[index].value = rewrite(component, file: targetFile, pointer: "/components/" + Self.escape(kind) + "/" + Self.escape(name), rootFile: rootFile, own: own)
        return inside
    }

    /// `path` relative to the folder of `file` (or absolute), with `.` and `..` segments resolved.
    package static func join(_ file: String, _ path: String) -> String {
        let base = path.hasPrefix("/") ? [] : file.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
        var parts: [String] = []
        for part in base + path.split(separator: "/", omittingEmptySubsequences: false).map(String.init) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != "..", !last.isEmpty { parts.removeLast() } else { parts.append(part) }
            case "" where !parts.isEmpty: continue
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }
}
