// errgen-mutator FILE...
//
// Prints every mutant the operators below can make in the given Swift files, one JSON object a
// line, in file order: where (file, line, column, UTF-8 offset and length of the text replaced),
// what (the original text, its replacement) and which operator. `Tests/Mutation/run --auto`
// samples these, applies each to a scratch copy and runs the tests that execute its line.
//
// The operators are the classic ones of mutation testing, applied where the syntax says they
// apply (never inside comments or string literals, which a textual pass could not tell apart):
//
//   relational     <  <=  >  >=  ==  !=   each to its boundary or its negation
//   logical        &&  ||                 each to the other
//   arithmetic     +  -  *  /  %  +=  -=  to the opposite operation
//   boolean        true  false            each to the other
//   condition      a condition of if, guard or while negated
//   statement      a call or an assignment standing as a statement removed
//   arguments      the two unlabeled arguments of a call swapped
//   early-return   a function returning nothing (or a Bool) returns at once (true and false)
import Foundation
import SwiftParser
import SwiftSyntax

struct Mutant: Encodable {
    var file: String
    var line: Int
    var column: Int
    var offset: Int
    var length: Int
    var original: String
    var replacement: String
    var `operator`: String
}

final class Finder: SyntaxVisitor {
    let file: String
    let converter: SourceLocationConverter
    var mutants: [Mutant] = []

    init(file: String, tree: SourceFileSyntax) {
        self.file = file
        converter = SourceLocationConverter(fileName: file, tree: tree)
        super.init(viewMode: .sourceAccurate)
    }

    func add(_ node: some SyntaxProtocol, _ replacement: String, _ op: String) {
        let start = node.positionAfterSkippingLeadingTrivia
        let location = converter.location(for: start)
        mutants.append(Mutant(
            file: file, line: location.line, column: location.column, offset: start.utf8Offset,
            length: node.trimmedLength.utf8Length, original: node.trimmedDescription, replacement: replacement, operator: op))
    }

    func insert(_ text: String, before node: some SyntaxProtocol, _ op: String) {
        let start = node.positionAfterSkippingLeadingTrivia
        let location = converter.location(for: start)
        mutants.append(Mutant(
            file: file, line: location.line, column: location.column, offset: start.utf8Offset, length: 0,
            original: "", replacement: text, operator: op))
    }

    static let opposite: [String: (String, String)] = [
        "<": ("<=", "relational"), "<=": ("<", "relational"), ">": (">=", "relational"), ">=": (">", "relational"),
        "==": ("!=", "relational"), "!=": ("==", "relational"), "===": ("!==", "relational"), "!==": ("===", "relational"),
        "&&": ("||", "logical"), "||": ("&&", "logical"),
        "+": ("-", "arithmetic"), "-": ("+", "arithmetic"), "*": ("/", "arithmetic"), "/": ("*", "arithmetic"),
        "%": ("*", "arithmetic"), "+=": ("-=", "arithmetic"), "-=": ("+=", "arithmetic"),
        "&+": ("&-", "arithmetic"), "&-": ("&+", "arithmetic"),
    ]

    override func visit(_ node: BinaryOperatorExprSyntax) -> SyntaxVisitorContinueKind {
        let text = node.operator.text
        guard let (replacement, op) = Self.opposite[text] else { return .visitChildren }
        // `+` of a string literal is concatenation: its opposite does not compile, so it says
        // nothing about the tests.
        if text == "+" || text == "+=", let sequence = node.parent?.as(ExprListSyntax.self),
            sequence.contains(where: { $0.is(StringLiteralExprSyntax.self) })
        {
            return .visitChildren
        }
        add(node.operator, replacement, op)
        return .visitChildren
    }

    override func visit(_ node: BooleanLiteralExprSyntax) -> SyntaxVisitorContinueKind {
        add(node, node.literal.tokenKind == .keyword(.true) ? "false" : "true", "boolean")
        return .visitChildren
    }

    override func visit(_ node: ConditionElementSyntax) -> SyntaxVisitorContinueKind {
        if case let .expression(expression) = node.condition {
            add(expression, "!(" + expression.trimmedDescription + ")", "condition")
        }
        return .visitChildren
    }

    static let kept: Set<String> = [
        "fatalError", "precondition", "preconditionFailure", "assert", "assertionFailure",
    ]

    /// The name a call is made by: `f` of `f(…)` and of `a.b.f(…)`.
    static func calledName(_ call: FunctionCallExprSyntax) -> String? {
        if let reference = call.calledExpression.as(DeclReferenceExprSyntax.self) { return reference.baseName.text }
        if let member = call.calledExpression.as(MemberAccessExprSyntax.self) { return member.declName.baseName.text }
        return nil
    }

    override func visit(_ node: CodeBlockItemSyntax) -> SyntaxVisitorContinueKind {
        guard case let .expr(expression) = node.item else { return .visitChildren }
        var inner = ExprSyntax(expression)
        while true {
            if let tried = inner.as(TryExprSyntax.self) { inner = tried.expression; continue }
            if let awaited = inner.as(AwaitExprSyntax.self) { inner = awaited.expression; continue }
            break
        }
        var removable = false
        if let call = inner.as(FunctionCallExprSyntax.self) {
            removable = !(Self.calledName(call).map(Self.kept.contains) ?? false)
        } else if let sequence = inner.as(SequenceExprSyntax.self) {
            removable = sequence.elements.contains {
                $0.is(AssignmentExprSyntax.self) || ($0.as(BinaryOperatorExprSyntax.self).map { $0.operator.text.hasSuffix("=") && !["==", "!=", "<=", ">=", "===", "!=="].contains($0.operator.text) } ?? false)
            }
        }
        if removable && !Self.isImplicitReturn(node) { add(node, "", "statement") }
        return .visitChildren
    }

    /// Whether `item` is the one expression of a closure, a getter or a function that returns a
    /// value, which is then its result: without it the code does not compile, which says nothing.
    static func isImplicitReturn(_ item: CodeBlockItemSyntax) -> Bool {
        guard let list = item.parent?.as(CodeBlockItemListSyntax.self), list.count == 1 else { return false }
        if list.parent?.is(ClosureExprSyntax.self) == true || list.parent?.is(AccessorBlockSyntax.self) == true { return true }
        guard let block = list.parent?.as(CodeBlockSyntax.self) else { return false }
        if let function = block.parent?.as(FunctionDeclSyntax.self) {
            let returns = function.signature.returnClause?.type.trimmedDescription
            return returns != nil && returns != "Void" && returns != "()"
        }
        return block.parent?.is(AccessorDeclSyntax.self) == true
    }

    override func visit(_ node: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
        let arguments = Array(node.arguments)
        if arguments.count == 2, arguments.allSatisfy({ $0.label == nil }), !(Self.calledName(node).map(Self.kept.contains) ?? false),
            arguments[0].expression.trimmedDescription != arguments[1].expression.trimmedDescription
        {
            let first = arguments[0].expression.trimmedDescription, second = arguments[1].expression.trimmedDescription
            add(node.arguments, second + ", " + first, "arguments")
        }
        return .visitChildren
    }

    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
        guard let body = node.body, let first = body.statements.first else { return .visitChildren }
        let returns = node.signature.returnClause?.type.trimmedDescription
        if returns == nil || returns == "Void" || returns == "()" {
            insert("return; ", before: first, "early-return")
        } else if returns == "Bool" || returns == "Swift.Bool" {
            insert("return true; ", before: first, "early-return")
            insert("return false; ", before: first, "early-return")
        }
        return .visitChildren
    }
}

var all: [Mutant] = []
for path in CommandLine.arguments.dropFirst() {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("errgen-mutator: cannot read \(path)\n".utf8))
        exit(1)
    }
    let tree = Parser.parse(source: text)
    let finder = Finder(file: path, tree: tree)
    finder.walk(tree)
    all += finder.mutants.sorted { ($0.offset, $0.operator, $0.replacement) < ($1.offset, $1.operator, $1.replacement) }
}
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
for mutant in all {
    FileHandle.standardOutput.write(try encoder.encode(mutant) + Data("\n".utf8))
}
