// The floors of the benchmark: a minimal program that reads a file and pulls every libyaml event
// from it, and does nothing else (`errgen-floor <file>`); and the same, then writing files of the
// given sizes into a folder as errgen writes its outputs, each to a temporary file renamed into
// place (`errgen-floor <file> --write <folder> <bytes>...`).
import CYAML

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

let arguments = CommandLine.arguments
guard arguments.count == 2 || (arguments.count >= 4 && arguments[2] == "--write"),
    let file = fopen(arguments[1], "rb")
else { exit(64) }
var bytes: [UInt8] = []
var chunk = [UInt8](repeating: 0, count: 1 << 16)
while true {
    let count = fread(&chunk, 1, chunk.count, file)
    if count <= 0 { break }
    bytes.append(contentsOf: chunk[0..<count])
}
fclose(file)
var parser = yaml_parser_t()
var event = yaml_event_t()
guard yaml_parser_initialize(&parser) == 1 else { exit(1) }
var events = 0
var ended = false
bytes.withUnsafeBufferPointer { buffer in
    yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
    while !ended, yaml_parser_parse(&parser, &event) == 1 {
        events += 1
        ended = event.type == YAML_STREAM_END_EVENT
        yaml_event_delete(&event)
    }
}
yaml_parser_delete(&parser)
guard ended, events > 0 else { exit(1) }

if arguments.count >= 4 {
    let folder = arguments[3]
    let block = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
    for (index, size) in arguments.dropFirst(4).compactMap({ Int($0) }).enumerated() {
        let path = "\(folder)/\(index)", temporary = "\(folder)/.\(index).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { exit(1) }
        var left = size
        while left > 0 {
            let written = block.withUnsafeBytes { write(descriptor, $0.baseAddress!, min(left, $0.count)) }
            guard written > 0 else { exit(1) }
            left -= written
        }
        guard close(descriptor) == 0, rename(temporary, path) == 0 else { exit(1) }
    }
}
exit(0)
