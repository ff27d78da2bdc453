import Foundation
import Testing

/// The material beside the repository that some tests compare against: the pages the spec was
/// written from (`seeds/`) and public corpora (`corpora/`). It lives in `../shared`, or in the
/// folder the environment variable `ERRGEN_SHARED` names.
///
/// A test that needs a piece of it declares so with `.needs(...)` and gets its path with
/// `require(_:)`. Where the piece is absent, the test is skipped on a developer's machine, and
/// fails with a message naming what is missing when `CI` is set: CI never passes without having
/// run it.
enum SharedMaterial {
    /// `ERRGEN_SHARED` when set, else `shared` beside the package root.
    static let folder: URL = {
        if let path = ProcessInfo.processInfo.environment["ERRGEN_SHARED"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        }
        return Paths.root.deletingLastPathComponent().appendingPathComponent("shared", isDirectory: true)
    }()

    /// Whether this run is CI's: the variable `CI` is set to anything but empty, `0` or `false`
    /// (CI runs `.ci/run` with `CI=true`).
    static let isCI: Bool = {
        guard let value = ProcessInfo.processInfo.environment["CI"] else { return false }
        return !["", "0", "false", "no"].contains(value.lowercased())
    }()

    /// `relative` below the shared folder, when it exists.
    static func url(_ relative: String) -> URL? {
        let url = folder.appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// `relative` below the shared folder; throws `Missing`, which says what is absent and why the
    /// test cannot pass without it, when it is absent.
    static func require(_ relative: String) throws -> URL {
        guard let url = url(relative) else { throw Missing(relative: relative) }
        return url
    }

    /// What a test that needs absent material fails with.
    struct Missing: Error, CustomStringConvertible {
        var relative: String

        var description: String {
            let path = SharedMaterial.folder.appendingPathComponent(relative).path
            return "\(path) is missing: this test needs it, and with CI set a test fails rather than skip for want of its data. "
                + "Put the shared material beside the repository (../shared), or name its folder with ERRGEN_SHARED."
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test when every piece of shared material it needs is present, or when `CI` is set
    /// (where it then fails, see `SharedMaterial.require(_:)`); skips it otherwise, saying why.
    static func needs(_ relatives: String...) -> Self {
        let absent = relatives.filter { SharedMaterial.url($0) == nil }
        let where_ = SharedMaterial.folder.path
        return .enabled(
            if: absent.isEmpty || SharedMaterial.isCI,
            "\(absent.joined(separator: ", ")) absent from \(where_) (set ERRGEN_SHARED to its folder; with CI set the test fails instead)"
        )
    }
}
