public import Foundation

/// What python3's html.parser made of a page: every start tag with its attributes and its
/// parent, every piece of text with the element it sits in, the declarations, and any end tag
/// that did not close the element open at that point.
public struct ParsedHTML: Decodable, Sendable {
    public struct Element: Decodable, Sendable {
        public var tag: String
        public var parent: String
        public var attributes: [String: String]
    }
    public struct Text: Decodable, Sendable {
        public var parent: String
        public var text: String
    }
    public var elements: [Element]
    public var texts: [Text]
    public var declarations: [String]
    public var mismatched: [String]
    public var unclosed: [String]

    static let script = """
        import json, sys
        from html.parser import HTMLParser
        VOID = {"meta", "link", "input", "img", "br", "hr", "source"}
        class Tree(HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.stack, self.out = [], {"elements": [], "texts": [], "declarations": [], "mismatched": []}
            def parent(self):
                return self.stack[-1] if self.stack else ""
            def handle_starttag(self, tag, attrs):
                self.out["elements"].append({"tag": tag, "parent": self.parent(),
                                             "attributes": {k: (v or "") for k, v in attrs}})
                if tag not in VOID:
                    self.stack.append(tag)
            def handle_startendtag(self, tag, attrs):
                self.out["mismatched"].append("self-closing " + tag)
                self.handle_starttag(tag, attrs)
            def handle_endtag(self, tag):
                if self.stack and self.stack[-1] == tag:
                    self.stack.pop()
                else:
                    self.out["mismatched"].append(tag)
            def handle_data(self, data):
                self.out["texts"].append({"parent": self.parent(), "text": data})
            def handle_decl(self, decl):
                self.out["declarations"].append(decl)
            def handle_comment(self, data):
                self.out["mismatched"].append("comment")
        tree = Tree()
        tree.feed(sys.stdin.buffer.read().decode("utf-8"))
        tree.close()
        tree.out["unclosed"] = tree.stack
        print(json.dumps(tree.out))
        """

    /// Parses `data` (UTF-8 HTML) with python3's html.parser.
    public init(data: Data) throws {
        let result = try ExternalTool.run(["python3", "-c", Self.script], input: data)
        guard result.status == 0 else { throw CocoaError(.fileReadCorruptFile, userInfo: ["stderr": result.stderr]) }
        self = try JSONDecoder().decode(ParsedHTML.self, from: Data(result.stdout.utf8))
    }

    public init(file: URL) throws { try self.init(data: try Data(contentsOf: file)) }

    public func elements(_ tag: String) -> [Element] { elements.filter { $0.tag == tag } }
    public func element(id: String) -> Element? { elements.first { $0.attributes["id"] == id } }
    public func text(in tag: String) -> String { texts.filter { $0.parent == tag }.map(\.text).joined() }
}
