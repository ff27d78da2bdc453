// A libFuzzer target on the loader, the decoder and the validator: any bytes must come back as a
// spec or as diagnostics, never as a crash, a hang or a runaway allocation. Built and run by
// `Fuzz/run` (it needs `-sanitize=fuzzer`, so it is not part of the ordinary build).
import ErrgenSpec

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    let (spec, diagnostics) = Generator.check(bytes: bytes, file: "fuzz.yaml")
    // Every failure is explained at a position inside the input (or for the file as a whole).
    precondition(spec != nil || diagnostics.contains { $0.severity == .error }, "a spec was refused without an error")
    for diagnostic in diagnostics {
        if let location = diagnostic.location {
            precondition(location.line >= 1 && location.column >= 1, "a diagnostic outside the input: \(diagnostic)")
        }
        precondition(!diagnostic.message.isEmpty, "an empty diagnostic")
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The program's entry point (SwiftPM links an executable's `main` to this name): hands control
/// to libFuzzer's driver, which parses the usual libFuzzer flags.
@_cdecl("errgen_fuzz_main")
func errgenFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { fuzz($0, $1) }
}
