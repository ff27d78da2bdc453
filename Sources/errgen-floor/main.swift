// The floor of the benchmark: a minimal program that reads a file and pulls every libyaml event
// from it, and does nothing else. `errgen-floor <file>`.
import CYAML

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

guard CommandLine.arguments.count == 2, let file = fopen(CommandLine.arguments[1], "rb") else { exit(64) }
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
exit(ended && events > 0 ? 0 : 1)
