import Foundation
import Testing

/// The `errgen` executable SwiftPM built beside the test bundle, run as a user runs it.
enum CLI {
    struct Outcome: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Wall time in seconds.
        var seconds: Double
        /// Whether the run had to be killed for taking longer than its limit.
        var timedOut: Bool
    }

    /// The built `errgen`: beside the test bundle (`.build/<configuration>/`).
    static let executable: URL = {
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("errgen")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            let candidate = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("errgen")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return Paths.url(".build/debug/errgen")
    }()

    /// Runs errgen with `arguments` in `directory`. A run longer than `limit` seconds is killed,
    /// so a hang fails the test instead of stalling the suite.
    static func run(
        _ arguments: [String], in directory: URL, environment: [String: String]? = nil, executable: URL = CLI.executable,
        limit: Double = 60
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        // Read both pipes while the process runs, so a chatty process never blocks on a full pipe.
        let output = PipeReader(outPipe.fileHandleForReading)
        let errors = PipeReader(errPipe.fileHandleForReading)
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        let deadline = Date().addingTimeInterval(limit)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Outcome(
            status: process.terminationStatus, stdout: output.finish(), stderr: errors.finish(), seconds: seconds, timedOut: timedOut)
    }

    /// Collects everything a pipe yields on a background thread.
    final class PipeReader: @unchecked Sendable {
        private let handle: FileHandle
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            self.handle = handle
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func finish() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }
}

/// A fresh temporary folder, removed when the test's closure returns.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("errgen-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Every regular file below `folder`, by relative path, with its bytes and modification time.
struct FolderSnapshot: Equatable, CustomStringConvertible {
    struct Entry: Equatable {
        var bytes: Data
        var modified: Date
    }

    var files: [String: Entry]

    init(_ folder: URL) {
        files = [:]
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(at: folder, includingPropertiesForKeys: [.contentModificationDateKey, .isRegularFileKey]) else { return }
        let base = folder.resolvingSymlinksInPath().path
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.resolvingSymlinksInPath().path
            let relative = path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
            let modified = (try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
            files[relative] = Entry(bytes: (try? Data(contentsOf: url)) ?? Data(), modified: modified)
        }
    }

    var description: String {
        files.keys.sorted().map { "\($0) (\(files[$0]!.bytes.count) bytes)" }.joined(separator: "\n")
    }
}
