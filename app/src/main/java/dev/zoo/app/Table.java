package dev.zoo.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns; numeric columns are right-aligned so digits line up. */
final class Table {

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> headers, boolean... rightAligned) {
        this.headers = headers;
        this.rightAligned = rightAligned;
    }

    void add(List<String> row) {
        rows.add(row);
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        line(out, headers, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        out.flush();
    }

    private void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            boolean right = i < rightAligned.length && rightAligned[i];
            sb.append(right ? pad + cell : cell + (i == cells.size() - 1 ? "" : pad));
            if (i < cells.size() - 1) {
                sb.append("  ");
            }
        }
        out.println(sb.toString().stripTrailing());
    }
}
