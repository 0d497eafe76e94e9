import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML (or XHTML-style HTML) document as a tree, for tests that
/// read a page the way a person would: find the sections, tables, cells and
/// chart marks by element and class, and read their text.
public final class XMLNode {
    public let name: String
    public let attributes: [String: String]
    public private(set) var children: [XMLNode] = []
    /// The text directly inside, in order, between the children.
    public private(set) var ownText = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// All text inside, children's included.
    public var text: String { ownText + children.map(\.text).joined() }

    /// The classes of the `class` attribute.
    public var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }

    /// Every element below (and including) this one, in document order.
    public var all: [XMLNode] { [self] + children.flatMap(\.all) }

    /// Every element below named `name` (any name when nil) that has the class `cls`, if given.
    public func all(_ name: String?, class cls: String? = nil) -> [XMLNode] {
        all.filter { node in (name.map { node.name == $0 } ?? true) && (cls.map { node.classes.contains($0) } ?? true) }
    }

    public func first(_ name: String, id: String) -> XMLNode? { all.first { $0.name == name && $0.attributes["id"] == id } }

    /// Parses `text`; nil with the parser's message when it is not well-formed.
    public static func parse(_ text: String) -> Result<XMLNode, XMLTreeError> {
        let builder = Builder()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            return .failure(XMLTreeError(message: "line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "not well-formed")"))
        }
        return .success(root)
    }

    fileprivate func append(_ child: XMLNode) { children.append(child) }
    fileprivate func append(text: String) { ownText += text }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let node = XMLNode(name: name, attributes: attributes)
            stack.last?.append(node)
            if root == nil { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.append(text: string) }
    }
}

/// Why a document did not parse.
public struct XMLTreeError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
