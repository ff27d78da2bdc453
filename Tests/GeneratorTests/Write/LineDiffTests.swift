import ErrgenCore
import ErrgenSpec
import ErrgenSwift
import Foundation
import Testing

@Suite struct LineDiffTests {
    @Test func unifiedDiffShowsChangedLinesWithContext() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        var lines = (1...10).map { "line \($0)" }
        lines[4] = "line five"
        lines.append("line 11")
        let new = lines.joined(separator: "\n") + "\n"
        #expect(LineDiff.unified(old: old, new: new, oldName: "a", newName: "b") == """
            --- a
            +++ b
            @@ -2,9 +2,10 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8
             line 9
             line 10
            +line 11

            """)
    }

    @Test func equalTextsHaveNoDiff() {
        #expect(LineDiff.unified(old: "a\n", new: "a\n") == "")
    }

    @Test func separateChangesMakeSeparateHunks() {
        let old = (1...30).map(String.init).joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "\n2\n", with: "\ntwo\n").replacingOccurrences(of: "\n28\n", with: "\n")
        let diff = LineDiff.unified(old: old, new: new)
        #expect(diff.components(separatedBy: "\n@@").count == 3)
        #expect(diff.contains("-2\n+two\n"))
        #expect(diff.contains("-28\n"))
    }
}
