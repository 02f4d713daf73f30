package io.cluehub.adapters.format;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV files (RFC 4180 quoting) with a header row and one message per data row. A row reads as an object of its
 * non-blank cells (trimmed) by column name; blank cells are left out. Rows count from 1 after the header; a file may
 * hold at most {@code csv.maxRows} of them. A row with more or fewer fields than the header is refused, naming the row.
 */
final class CsvCodec implements SyntaxCodec {

    private final String formatId;
    private final FormatDescriptor.CsvSettings settings;
    private final Set<String> known;
    private final CSVFormat format;

    CsvCodec(String formatId, FormatDescriptor.CsvSettings settings) {
        this.formatId = formatId;
        this.settings = settings;
        this.known = new LinkedHashSet<>(settings.columns());
        this.format = CSVFormat.RFC4180.builder()
                .setDelimiter(settings.delimiter())
                .setIgnoreEmptyLines(true)
                .setRecordSeparator("\r\n")
                .get();
    }

    @Override
    public List<Document> read(byte[] body) {
        String text = decode(body);
        List<Document> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            Iterator<CSVRecord> records = parser.iterator();
            List<String> header = header(records);
            long row = 0;
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new MappingException(formatId, Locations.csv(row + 1).whole(), "Row " + (row + 1)
                            + " is not well-formed CSV (near line " + parser.getCurrentLineNumber()
                            + " of the file): check its quotes.");
                }
                row++;
                if (row > settings.maxRows()) {
                    throw new MappingException(formatId, Locations.csv(row).whole(), "The file holds more than "
                            + settings.maxRows() + " rows; split it into smaller files.");
                }
                Locations.Renderer where = Locations.csv(row);
                if (record.size() != header.size()) {
                    throw new MappingException(formatId, where.whole(), "Row " + row + " has " + record.size()
                            + " fields but the header has " + header.size() + " (line " + lineOf(record, text)
                            + " of the file).");
                }
                Map<String, Object> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    String v = record.get(i).strip();
                    if (!v.isEmpty()) {
                        cells.put(header.get(i), v);
                    }
                }
                rows.add(new Document(cells, where));
            }
        } catch (IOException e) {
            throw new MappingException(formatId, "", "The file could not be read as CSV.");
        }
        return rows;
    }

    private List<String> header(Iterator<CSVRecord> records) {
        CSVRecord first;
        try {
            if (!records.hasNext()) {
                throw new MappingException(formatId, "", "The file is empty; it must start with a header row.");
            }
            first = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new MappingException(formatId, "header", "The header row is not well-formed CSV.");
        }
        List<String> header = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < first.size(); i++) {
            String name = first.get(i).strip();
            String where = "header, column " + (i + 1);
            if (name.isEmpty()) {
                throw new MappingException(formatId, where, "Column " + (i + 1) + " of the header has no name.");
            }
            if (!known.contains(name)) {
                throw new MappingException(formatId, where, "The header names an unknown column '" + shorten(name)
                        + "'; the " + formatId + " format knows " + String.join(", ", settings.columns()) + ".");
            }
            if (!seen.add(name)) {
                throw new MappingException(formatId, where, "The header names the column " + name + " twice.");
            }
            header.add(name);
        }
        return header;
    }

    private String decode(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MappingException(formatId, "", "The file is empty; it must start with a header row.");
        }
        CharsetDecoder decoder = settings.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = decoder.decode(ByteBuffer.wrap(body)).toString();
            // Spreadsheet exports often start with a byte order mark.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new MappingException(formatId, "", "The file is not valid " + settings.charset().name() + " text.");
        }
    }

    private static long lineOf(CSVRecord record, String text) {
        long line = 1;
        long end = Math.min(record.getCharacterPosition(), text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    @Override
    public byte[] write(Object tree) {
        if (!(tree instanceof Map<?, ?> map)) {
            throw new MappingException(formatId, "", "The outbound mapping of " + formatId
                    + " must produce an object of column values.");
        }
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw new MappingException(formatId, "", "The outbound mapping of " + formatId + " produced the column "
                        + key + ", which csv.columns of format.yml does not declare.");
            }
        }
        List<String> values = new ArrayList<>(settings.columns().size());
        for (String column : settings.columns()) {
            Object v = map.get(column);
            if (v instanceof Map || v instanceof List) {
                throw new MappingException(formatId, "", "The outbound mapping of " + formatId + " must give the "
                        + "column " + column + " a single value (join lists in the mapping).");
            }
            values.add(v == null ? "" : JsonTrees.scalarText(v));
        }
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            printer.printRecord(settings.columns());
            printer.printRecord(values);
        } catch (IOException e) {
            throw new MappingException(formatId, "", "The " + formatId + " row could not be written: "
                    + e.getMessage(), e);
        }
        return encode(out.toString());
    }

    private byte[] encode(String text) {
        if (settings.charset().equals(StandardCharsets.UTF_8)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        CharsetEncoder encoder = settings.charset().newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer b = encoder.encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new MappingException(formatId, "", "The message holds a character that "
                    + settings.charset().name() + " cannot encode.");
        }
    }

    private static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
