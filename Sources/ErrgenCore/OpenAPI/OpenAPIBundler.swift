import ErrgenRuntime
import ErrgenSpec
import Foundation

/// An API's OpenAPI document made whole: every `$ref` to a component of another document
/// (`errors/shop.openapi.json#/components/responses/ShopError.404`) becomes a reference inside the
/// document (`#/components/responses/ShopError.404`), and the component, with every component it
/// refers to in turn, is copied into the document's `components`. Tools that read one file only
/// (swift-openapi-generator among them) then see errgen's responses as the API's own.
///
/// A document is read as JSON when its first character is `{` (strictly, numbers kept as they are
/// written, strings exactly), else as YAML (errgen's YAML loader, under its limits). The bundle is
/// JSON, its members in the document's order, the copied components after the document's own in
/// the order they were first referred to. A reference into another document must name a
/// component (`#/components/<kind>/<name>`, percent-encoded as a URI's fragment may be); a name the
/// document already uses for another component, or that two documents give to different
/// components, is an error, as is a file or component that does not exist.
public struct OpenAPIBundler {
    /// Reads a file's bytes by its path; throws when there is none.
    public typealias Reader = (String) throws -> [UInt8]

    /// The largest file read: an OpenAPI document is text, and a path such as `/dev/zero` must
    /// not make the bundler read forever.
    public static let maxFileSize = 64 << 20

    let read: Reader
    let loader = YAMLLoader()

    /// The documents read so far, by normalized path.
    private var documents: [String: OrderedJSON] = [:]
    /// Where the nodes of YAML documents start, for diagnostics: by path and JSON pointer.
    private var locations: [String: SourceLocation] = [:]
    /// The components copied in, in the order they were first referred to; each is rewritten in
    /// its turn (a list, not recursion, so that a long chain of references cannot exhaust the stack).
    private var copied: [(kind: String, name: String, value: OrderedJSON, file: String, pointer: String)] = []
    /// The components of a kind in a document, by name: `<path>#<kind>`, made when first needed.
    private var componentIndex: [String: [String: OrderedJSON]] = [:]
    /// Which component (file and pointer) each copied name stands for.
    private var origins: [String: String] = [:]
    private var diagnostics = DiagnosticCollector()

    public init(read: @escaping Reader = OpenAPIBundler.readFile) {
        self.read = read
    }

    /// A regular file's bytes, at most `maxFileSize` of them.
    public static func readFile(_ path: String) throws -> [UInt8] {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let attributes, attributes[.type] as? FileAttributeType == .typeRegular else {
            throw DiagnosticError(.error("not a file errgen can read", file: path))
        }
        if let size = attributes[.size] as? Int, size > maxFileSize {
            throw DiagnosticError(.error("the file is larger than \(maxFileSize >> 20) MiB", file: path))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(.error("cannot read the file", file: path))
        }
        return [UInt8](data)
    }

    /// The bundle of the document at `path`.
    public mutating func bundle(_ path: String) throws(DiagnosticError) -> OrderedJSON {
        let rootFile = Self.join("", path)
        let root = try document(rootFile)
        guard case let .object(rootMembers) = root else {
            throw DiagnosticError(.error("an OpenAPI document must be a mapping", file: rootFile, at: SourceLocation(line: 1, column: 1)))
        }
        var own: Set<String> = []
        if case let .object(kinds)? = root["components"] {
            for kind in kinds {
                if case let .object(components) = kind.value {
                    for component in components { own.insert(kind.key + "/" + component.key) }
                }
            }
        }
        let context = Context(rootFile: rootFile, own: own)
        var members = rootMembers.map { member in
            OrderedJSON.Member(member.key, rewrite(member.value, file: rootFile, pointer: "/" + Self.escape(member.key), context))
        }
        var next = 0
        while next < copied.count {
            let item = copied[next]
            copied[next].value = rewrite(item.value, file: item.file, pointer: item.pointer, context)
            next += 1
        }
        if diagnostics.hasErrors { throw DiagnosticError(diagnostics.sorted) }
        guard !copied.isEmpty else { return .object(members) }
        // The copied components after the document's own, a kind at a time.
        let at = members.firstIndex { $0.key == "components" }
        var components: [OrderedJSON.Member] = []
        if let at {
            guard case let .object(existing) = members[at].value else {
                throw DiagnosticError(.error("'components' must be a mapping", file: rootFile, at: locations[rootFile + "#/components"]))
            }
            components = existing
        }
        // A kind's copied components, in the order first referred to, appended at once.
        var kinds: [String] = []
        var byKind: [String: [OrderedJSON.Member]] = [:]
        for item in copied {
            if byKind[item.kind] == nil { kinds.append(item.kind) }
            byKind[item.kind, default: []].append(.init(item.name, item.value))
        }
        for kind in kinds {
            let added = byKind[kind]!
            guard let index = components.firstIndex(where: { $0.key == kind }) else {
                components.append(.init(kind, .object(added)))
                continue
            }
            switch components[index].value {
            case let .object(existing): components[index].value = .object(existing + added)
            case .value(.null): components[index].value = .object(added)
            default:
                let pointer = "#/components/" + Self.escape(kind)
                throw DiagnosticError(.error("'components.\(kind)' must be a mapping", file: rootFile, at: locations[rootFile + pointer]))
            }
        }
        if let at {
            members[at].value = .object(components)
        } else {
            members.append(.init("components", .object(components)))
        }
        return .object(members)
    }

    /// What every reference is resolved against.
    struct Context {
        var rootFile: String
        /// `<kind>/<name>` of the document's own components.
        var own: Set<String>
    }

    /// The document at the normalized path `path`.
    private mutating func document(_ path: String) throws(DiagnosticError) -> OrderedJSON {
        if let document = documents[path] { return document }
        let bytes: [UInt8]
        do {
            bytes = try read(path)
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw DiagnosticError(.error("cannot read the file: \(error)", file: path))
        }
        let value: OrderedJSON
        if bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") {
            value = try Self.json(bytes, file: path)
        } else {
            let node = try loader.loadDocument(bytes, file: path)
            value = try Self.convert(node, file: path, pointer: "", locations: &locations)
        }
        documents[path] = value
        return value
    }

    /// A JSON document, read strictly: its numbers as written (an integer of any size stays
    /// exact), its strings exactly (YAML would fold a U+0085 in a string into a space).
    static func json(_ bytes: [UInt8], file: String) throws(DiagnosticError) -> OrderedJSON {
        switch JSONDocument.parseReportingOffset(bytes, maxDepth: 256) {
        case let .success(document): return try ordered(document, file: file)
        case let .failure(failure):
            let before = bytes.prefix(failure.offset)
            let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            // The column in characters, as errgen's YAML diagnostics count it.
            let column = String(decoding: bytes[lineStart..<failure.offset], as: UTF8.self).unicodeScalars.count + 1
            throw DiagnosticError(.error("not JSON: \(failure.message)", file: file, at: SourceLocation(line: line, column: column)))
        }
    }

    static func ordered(_ document: JSONDocument, file: String) throws(DiagnosticError) -> OrderedJSON {
        switch document {
        case .null: return .value(.null)
        case let .bool(b): return .value(.bool(b))
        case let .number(text): return .value(.written(Array(text.utf8)))
        case let .string(s): return .value(.string(s))
        case let .array(items):
            var converted: [OrderedJSON] = []
            for item in items { converted.append(try ordered(item, file: file)) }
            return .array(converted)
        case let .object(members):
            var converted: [OrderedJSON.Member] = []
            var keys: Set<String> = []
            for member in members {
                guard keys.insert(member.key).inserted else {
                    throw DiagnosticError(.error("the key '\(member.key)' appears twice in one object", file: file))
                }
                converted.append(.init(member.key, try ordered(member.value, file: file)))
            }
            return .object(converted)
        }
    }

    /// A YAML node as JSON: scalars as YAML's core schema reads them; keys must be scalars, and
    /// distinct as JSON's strings (`1` and `"1"` are one key).
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
            var keys: Set<String> = []
            for pair in pairs {
                guard let key = pair.key.scalar?.value else {
                    throw DiagnosticError(.error("a key of a JSON object must be a string", file: file, at: pair.key.location))
                }
                guard keys.insert(key).inserted else {
                    throw DiagnosticError(.error("the key '\(key)' appears twice in one mapping", file: file, at: pair.key.location))
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
    private mutating func rewrite(_ value: OrderedJSON, file: String, pointer: String, _ context: Context) -> OrderedJSON {
        switch value {
        case .value: return value
        case let .array(items):
            return .array(items.enumerated().map { rewrite($1, file: file, pointer: pointer + "/\($0)", context) })
        case let .object(members):
            return .object(members.map { member in
                let at = pointer + "/" + Self.escape(member.key)
                guard member.key == "$ref" else { return .init(member.key, rewrite(member.value, file: file, pointer: at, context)) }
                guard case let .value(.string(reference)) = member.value else {
                    diagnostics.error("a '$ref' must be a string", file: file, at: locations[file + "#" + at])
                    return member
                }
                return .init("$ref", .value(.string(resolve(reference, file: file, at: at, context))))
            })
        }
    }

    /// The reference `reference` (written at `at` in `file`) as the bundle writes it, the
    /// component it names queued to be copied in when it lies in another document.
    private mutating func resolve(_ reference: String, file: String, at: String, _ context: Context) -> String {
        let location = locations[file + "#" + at]
        let hash = reference.firstIndex(of: "#") ?? reference.endIndex
        let encodedTarget = String(reference[..<hash])
        let encodedFragment = hash < reference.endIndex ? String(reference[reference.index(after: hash)...]) : ""
        if encodedTarget.contains("://") {
            diagnostics.error("'\(reference)' refers to a document on the web; errgen bundles files only", file: file, at: location)
            return reference
        }
        guard let target = encodedTarget.removingPercentEncoding, let fragment = encodedFragment.removingPercentEncoding else {
            diagnostics.error("'\(reference)' is not a well-formed reference (a '%' that starts no escape)", file: file, at: location)
            return reference
        }
        let targetFile = target.isEmpty ? file : Self.join(file, target)
        if targetFile == context.rootFile { return "#" + encodedFragment }
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
        if context.own.contains(key) {
            diagnostics.error("components.\(kind).\(name) of \(targetFile) has the name of one of the document's own components", file: file, at: location)
            return reference
        }
        origins[key] = origin
        let document: OrderedJSON
        do {
            document = try self.document(targetFile)
        } catch {
            // A file that cannot be read is reported where it is referred to; one that is not a
            // document, where its own diagnostics say.
            if error.diagnostics.allSatisfy({ $0.location == nil }) {
                let why = error.diagnostics.first.map { ": " + $0.message } ?? ""
                diagnostics.error("'\(reference)' refers to \(targetFile), which cannot be read\(why)", file: file, at: location)
            } else {
                diagnostics.append(contentsOf: error.diagnostics)
            }
            return reference
        }
        let indexKey = targetFile + "#" + kind
        if componentIndex[indexKey] == nil {
            var byName: [String: OrderedJSON] = [:]
            if case let .object(members)? = document["components"]?[kind] {
                for member in members where byName[member.key] == nil { byName[member.key] = member.value }
            }
            componentIndex[indexKey] = byName
        }
        guard let component = componentIndex[indexKey]?[name] else {
            diagnostics.error("\(targetFile) has no components.\(kind).\(name)", file: file, at: location)
            return reference
        }
        copied.append((kind, name, component, targetFile, "/components/" + Self.escape(kind) + "/" + Self.escape(name)))
        return inside
    }

    /// `path` relative to the folder of `file` (or absolute), with `.` and `..` segments resolved;
    /// `join("", path)` is `path` normalized.
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
