/// The catalog table: how generated code hands its errors to the runtime, written by errgen and
/// read here, both sides in this file.
///
/// The table is text, one line per error after a first line that names the contract version
/// (`errgen-table 2`), so thousands of errors cost the compiler one string literal. Fields are
/// separated by tabs: wire code, Swift name, status, message template, parameters
/// (`name:type,…`), title (empty where it is the derived one, see `Catalog.derivedTitle`), then
/// one field per header (`Name: value template`). Within a field `\\`, `\t`, `\n` and `\r` stand
/// for a backslash, tab, line feed and carriage return, so no field holds a raw tab or line break.
@_spi(ErrgenGenerated) public enum CatalogTable {
    /// The table's first line.
    public static let versionLine = "errgen-table \(GeneratedCodeVersion2.number)"

    /// One error as the table holds it, its message and header values as template source.
    public struct Row: Sendable, Equatable {
        public var wireCode: String
        public var swiftName: String
        public var status: Int
        public var message: String
        public var parameters: [Catalog.Entry.Parameter]
        public var title: String
        public var headers: [(name: String, value: String)]

        public init(
            wireCode: String, swiftName: String, status: Int, message: String, parameters: [Catalog.Entry.Parameter],
            title: String, headers: [(name: String, value: String)]
        ) {
            self.wireCode = wireCode
            self.swiftName = swiftName
            self.status = status
            self.message = message
            self.parameters = parameters
            self.title = title
            self.headers = headers
        }

        public static func == (lhs: Row, rhs: Row) -> Bool {
            lhs.wireCode == rhs.wireCode && lhs.swiftName == rhs.swiftName && lhs.status == rhs.status && lhs.message == rhs.message
                && lhs.parameters == rhs.parameters && lhs.title == rhs.title
                && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
        }
    }

    // MARK: Writing

    /// The whole table: the version line, then a line per row.
    public static func text(_ rows: [Row], shared: [Catalog.Entry.Parameter]) -> String {
        ([versionLine] + rows.map { line($0, shared: shared) }).joined(separator: "\n")
    }

    /// The line of one row (`shared`: the catalog's parameters, which every error carries after its own).
    public static func line(_ row: Row, shared: [Catalog.Entry.Parameter]) -> String {
        let names = (row.parameters + shared).map(\.name)
        let derived = Catalog.derivedTitle(message: Catalog.parseTemplate(row.message, names: names), status: row.status)
        // A catalog without HTTP has no status: its field is empty.
        var fields = [row.wireCode, row.swiftName, row.status == 0 ? "" : String(row.status), row.message, parameterList(row.parameters), row.title == derived ? "" : row.title]
        for header in row.headers { fields.append(header.name + ": " + header.value) }
        return fields.map(escaped).joined(separator: "\t")
    }

    /// Parameters as the table writes them: `name:type,…`, the type in brackets for a list
    /// (`[string]`), `?` after the type of an optional one.
    public static func parameterList(_ parameters: [Catalog.Entry.Parameter]) -> String {
        parameters.map { "\($0.name):\($0.kind.name(list: $0.isList))\($0.isOptional ? "?" : "")" }.joined(separator: ",")
    }

    static let tableSpecial = ByteSet(Array("\\\t\n\r".utf8))

    /// A field with the table's escapes.
    public static func escaped(_ field: String) -> String {
        var out = ""
        Escaper.append(field, to: &out, special: tableSpecial) { bytes, i in
            switch bytes[i] {
            case 0x5C: return ("\\\\", 1)
            case 0x09: return ("\\t", 1)
            case 0x0A: return ("\\n", 1)
            case 0x0D: return ("\\r", 1)
            default: return nil
            }
        }
        return out
    }

    // MARK: Reading

    /// The entries of a whole table, which must start with this runtime's version line.
    public static func entries(_ table: String, shared: [Catalog.Entry.Parameter], catalog name: String) -> [Catalog.Entry] {
        var lines = Array(table.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)[...]
        let first = lines.popFirst().map { String(decoding: $0, as: UTF8.self) }
        guard first == versionLine else {
            preconditionFailure(
                "the catalog table of \(name) starts with '\(first ?? "")', not '\(versionLine)': regenerate the catalog with the errgen of this ErrgenRuntime")
        }
        return lines.map { entry(line: $0, shared: shared, catalog: name) }
    }

    /// The entry of one table line.
    public static func entry(line: ArraySlice<UInt8>, shared: [Catalog.Entry.Parameter], catalog name: String) -> Catalog.Entry {
        let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map(unescape)
        guard fields.count >= 6, let status = fields[2].isEmpty ? 0 : Int(fields[2]) else {
            preconditionFailure("malformed catalog table line for \(name): \(String(decoding: line, as: UTF8.self))")
        }
        let parameters = parameters(fields[4]) + shared
        let names = parameters.map(\.name)
        let headers = fields.dropFirst(6).map { field -> Catalog.Entry.Header in
            let colon = field.firstIndex(of: ":") ?? field.endIndex
            let value = field[colon...].dropFirst().drop(while: { $0 == " " })
            return Catalog.Entry.Header(name: String(field[..<colon]), value: Catalog.parseTemplate(String(value), names: names))
        }
        let message = Catalog.parseTemplate(fields[3], names: names)
        return Catalog.Entry(
            wireCode: fields[0], swiftName: fields[1], status: status, message: message,
            title: fields[5].isEmpty ? Catalog.derivedTitle(message: message, status: status) : fields[5],
            parameters: parameters, headers: headers)
    }

    /// `name:type,…` read back.
    public static func parameters(_ text: String) -> [Catalog.Entry.Parameter] {
        text.split(separator: ",").map { item in
            let parts = item.split(separator: ":", maxSplits: 1)
            let type = parts.count == 2 ? parts[1] : ""
            let isOptional = type.hasSuffix("?")
            var name = isOptional ? type.dropLast() : type
            let isList = name.first == "[" && name.last == "]"
            if isList { name = name.dropFirst().dropLast() }
            guard let kind = ParameterKind(rawValue: String(name)) else {
                preconditionFailure("malformed catalog parameter '\(item)'")
            }
            return Catalog.Entry.Parameter(name: String(parts[0]), kind: kind, isOptional: isOptional, isList: isList)
        }
    }

    // MARK: Translations

    /// The translation table of one language: a line per error, in the catalog table's order,
    /// `message<TAB>title` with the table's escapes, or an empty line where the error has no
    /// translation in that language. An empty title is the derived one: the translated message
    /// when it has no placeholders, else the error's own title.
    public static func translationText(_ rows: [(message: String, title: String?)?]) -> String {
        rows.map { row in
            guard let row else { return "" }
            return escaped(row.message) + "\t" + escaped(row.title ?? "")
        }.joined(separator: "\n")
    }

    /// A translation table read back against the catalog's entries.
    public static func translations(_ text: String, entries: [Catalog.Entry], catalog name: String) -> [Catalog.Translation?] {
        let lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count == entries.count || (entries.count == 0 && text.isEmpty) else {
            preconditionFailure("the translation table of \(name) has \(lines.count) lines for \(entries.count) errors: regenerate the catalog")
        }
        return zip(lines, entries).map { line, entry in
            guard !line.isEmpty else { return nil }
            let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map(unescape)
            guard fields.count == 2 else { preconditionFailure("malformed translation line for \(name): \(String(decoding: line, as: UTF8.self))") }
            let message = Catalog.parseTemplate(fields[0], names: entry.parameters.map(\.name))
            let title: String
            if !fields[1].isEmpty {
                title = fields[1]
            } else if message.segments.allSatisfy({ if case .text = $0 { true } else { false } }) {
                title = Catalog.derivedTitle(message: message, status: entry.status)
            } else {
                title = entry.title
            }
            return Catalog.Translation(message: message, title: title)
        }
    }

    // MARK: Metadata

    /// The metadata keys as generated code writes them: `name:type` items separated by commas,
    /// the type followed by `?` where the key is optional.
    public static func metadataKeyList(_ keys: [Catalog.MetadataKey]) -> String {
        keys.map { "\($0.name):\($0.kind.rawValue)\($0.isOptional ? "?" : "")" }.joined(separator: ",")
    }

    /// `metadataKeyList` read back.
    public static func metadataKeys(_ text: String) -> [Catalog.MetadataKey] {
        text.split(separator: ",").map { item in
            let parts = item.split(separator: ":", maxSplits: 1)
            var type = parts.count == 2 ? parts[1] : ""
            let isOptional = type.hasSuffix("?")
            if isOptional { type = type.dropLast() }
            guard let kind = ParameterKind(rawValue: String(type)) else { preconditionFailure("malformed metadata key '\(item)'") }
            return Catalog.MetadataKey(name: String(parts[0]), kind: kind, isOptional: isOptional)
        }
    }

    /// What marks a missing metadata value: a field no escaping produces (a backslash is always
    /// written `\\`).
    static let noValue = "\\-"

    /// The metadata table: a line per error, in the catalog table's order, a field per key (the
    /// value's text with the table's escapes, or `\-` where the error has none).
    public static func metadataText(_ rows: [[ArgumentValue?]]) -> String {
        rows.map { values in
            values.map { $0.map { escaped($0.description) } ?? noValue }.joined(separator: "\t")
        }.joined(separator: "\n")
    }

    /// A metadata table read back: `count` lines of a value per key.
    public static func metadata(_ text: String, keys: [Catalog.MetadataKey], count: Int, catalog name: String) -> [[ArgumentValue?]] {
        let lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count == count else {
            preconditionFailure("the metadata table of \(name) has \(lines.count) lines for \(count) errors: regenerate the catalog")
        }
        return lines.map { line in
            let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            guard fields.count == keys.count else {
                preconditionFailure("malformed metadata line for \(name): \(String(decoding: line, as: UTF8.self))")
            }
            return zip(fields, keys).map { field, key -> ArgumentValue? in
                if field.elementsEqual(noValue.utf8) { return nil }
                guard let value = key.kind.parse(unescape(field)) else {
                    preconditionFailure("metadata '\(key.name)' of \(name) is not a \(key.kind.rawValue): \(String(decoding: field, as: UTF8.self))")
                }
                return value
            }
        }
    }

    /// The errors' own documentation links (`documentationLinks:` of the SPI initializer): a line
    /// per error, with the table's escapes, empty where the error has none.
    public static func documentationLinks(_ text: String, count: Int, catalog name: String) -> [String?] {
        let lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count == count else {
            preconditionFailure("the documentation links of \(name) are \(lines.count) lines for \(count) errors: regenerate the catalog")
        }
        return lines.map { $0.isEmpty ? nil : unescape($0) }
    }

    /// A table field with its escapes undone, read byte by byte.
    static func unescape(_ field: ArraySlice<UInt8>) -> String {
        guard field.contains(UInt8(ascii: "\\")) else { return String(decoding: field, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(field.count)
        var escaping = false
        for byte in field {
            if escaping {
                switch byte {
                case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
                default: out.append(byte)
                }
                escaping = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
