/// The index of a catalog code, and the code at an index, read from and written to the value's
/// representation: Swift lays an enum without payloads and without a raw type out as the smallest
/// unsigned integer that holds all its cases (no bytes for a single case), numbered from zero in
/// declaration order (docs/ABI/TypeLayout.rst in the Swift repository: "C-like enums").
///
/// Only for generated `Code` enums, which is what the `CatalogCode` constraint and the SPI say;
/// every generated catalog proves the layout when its table loads (`Catalog.init(generatedCode:…)`).
@_spi(ErrgenGenerated) public enum CaseIndex {
    public static func index<Code: ErrorCode>(of value: Code) -> Int {
        withUnsafeBytes(of: value) { bytes in
            switch bytes.count {
            case 0: return 0
            case 1: return Int(bytes.load(as: UInt8.self))
            case 2: return Int(bytes.loadUnaligned(as: UInt16.self))
            default: return Int(bytes.loadUnaligned(as: UInt32.self))
            }
        }
    }

    public static func value<Code: ErrorCode>(at index: Int, as type: Code.Type) -> Code {
        switch MemoryLayout<Code>.size {
        case 0, 1: return withUnsafeBytes(of: UInt8(truncatingIfNeeded: index)) { $0.load(as: Code.self) }
        case 2: return withUnsafeBytes(of: UInt16(truncatingIfNeeded: index)) { $0.load(as: Code.self) }
        default: return withUnsafeBytes(of: UInt32(truncatingIfNeeded: index)) { $0.load(as: Code.self) }
        }
    }

    /// The size Swift gives an enum of `count` cases without payloads.
    public static func size(forCaseCount count: Int) -> Int {
        switch count {
        case ...1: return 0
        case ...0x100: return 1
        case ...0x1_0000: return 2
        default: return 4
        }
    }

    /// Stops the program, saying why, unless `Code` is laid out as `CaseIndex` reads it.
    static func checkLayout<Code: ErrorCode>(of type: Code.Type, case known: Code?, at index: Int, count: Int, catalog name: String) {
        if let problem = layoutProblem(of: type, case: known, at: index, count: count) {
            preconditionFailure("the Code enum of catalog \(name) is not laid out as ErrgenRuntime reads it (\(problem)): regenerate the catalog with the errgen of this runtime")
        }
    }

    /// What is wrong with the layout of `Code`, if anything: it must take as many bytes as
    /// `count` cases take, and `known` (a case, or `nil` when none is given) must be at `index`.
    static func layoutProblem<Code: ErrorCode>(of type: Code.Type, case known: Code?, at index: Int, count: Int) -> String? {
        let size = MemoryLayout<Code>.size
        if size != self.size(forCaseCount: count) { return "\(size) bytes for \(count) errors" }
        if let known {
            let found = self.index(of: known)
            if found != index || index >= count { return "a case expected at \(index) found at \(found), of \(count) errors" }
        }
        return nil
    }
}
