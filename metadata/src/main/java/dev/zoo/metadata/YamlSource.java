package dev.zoo.metadata;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Maps SnakeYAML marks (0-based, relative to the YAML text) to positions in the file, for YAML that starts part-way
 * into a file (inside a Markdown comment).
 *
 * @param firstLine   0-based line of the file where the YAML text starts
 * @param firstColumn 0-based column of the file where the YAML text starts (applies to its first line only)
 */
record YamlSource(String file, int firstLine, int firstColumn) {

    SourcePos pos(Mark mark) {
        if (mark == null) {
            return SourcePos.ofFile(file);
        }
        int column = mark.getLine() == 0 ? mark.getColumn() + firstColumn : mark.getColumn();
        return new SourcePos(file, firstLine + mark.getLine() + 1, column + 1);
    }

    SourcePos pos(Node node) {
        return pos(node.getStartMark());
    }
}
