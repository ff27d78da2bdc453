// A libFuzzer target on the client's decoder: any body, under any of a catalog's media types, must
// come back as a decoded error or a thrown ResponseDecodingError, never as a crash, a hang or a
// runaway allocation. Built and run by `Fuzz/run-responses`.
import ErrgenSpec
import ErrgenRuntime
import Foundation
import HTTPTypes

/// The catalogs of the reference spec of every body shape (`any-api`) and of the bundled spec,
/// read once.
let catalogs: [Catalog] = {
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    let root = here.appendingPathComponent("../../..").standardizedFileURL
    return ["Tests/References/any-api/errors.yaml", "spec/errors.yaml", "Tests/References/injection/errors.yaml"].flatMap { path -> [Catalog] in
        let bytes = (try? Data(contentsOf: root.appendingPathComponent(path))).map(Array.init) ?? []
        guard let spec = Generator.check(bytes: bytes, file: path).spec else { fatalError("cannot read \(path)") }
        return spec.catalogs.filter(\.isHTTP).map(RuntimeTable.catalog)
    }
}()

/// The first byte chooses the catalog, the second the media type (one of its formats, or one it
/// does not have); the rest is the body.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count >= 2 else { return 0 }
    let bytes = UnsafeBufferPointer(start: start, count: count)
    let catalog = catalogs[Int(bytes[0]) % catalogs.count]
    let types = catalog.formats.map(\.mediaType) + ["text/html"]
    let type = types[Int(bytes[1]) % types.count]
    let body = Array(bytes[2...])
    let response = HTTPResponse(status: .init(code: 400 + Int(bytes[1]) % 100), headerFields: [.contentType: type])
    do {
        let decoded = try catalog.decode(response, body: body)
        if let index = decoded.index {
            // A known error has a value for every parameter, each of its type.
            let parameters = catalog.entries[index].parameters
            precondition(decoded.arguments.count == parameters.count, "values for \(parameters.count) parameters: \(decoded.arguments)")
            for (value, parameter) in zip(decoded.arguments, parameters) {
                switch value {
                case .absent: precondition(parameter.isOptional, "a required parameter is absent")
                case let .list(items): precondition(parameter.isList && items.allSatisfy { $0.kind == parameter.kind }, "a list of another type")
                default: precondition(!parameter.isList && value.kind == parameter.kind, "a value of another type")
                }
            }
        }
    } catch {
        precondition(!error.description.isEmpty)
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The program's entry point: hands control to libFuzzer's driver.
@_cdecl("errgen_fuzz_responses_main")
func errgenFuzzResponsesMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { fuzz($0, $1) }
}
