package org.clinicfinder.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * RFC 4180 CSV in UTF-8 (with or without a byte order mark), comma-, semicolon- or tab-separated: the
 * separator is the one the header line uses most. Quoted cells may hold separators, quotes and line breaks.
 */
final class CsvRecordReader implements RecordReader {

    /** Longest cell accepted; a longer one is nearly always a quote left open. */
    static final int MAX_CELL_CHARS = 1 << 20;

    private final CsvReader<CsvRecord> csv;
    private final Iterator<CsvRecord> records;
    private final ImportField[] fields;
    private final List<String> ignored = new ArrayList<>();
    private final char separator;
    private long lastLine;

    CsvRecordReader(InputStream input, ColumnMapping mapping, boolean countryGiven) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(input, 1 << 16);
        String head = peek(buffered);
        this.separator = detectSeparator(head);
        // Bytes that are not UTF-8 become U+FFFD, which the records are checked for, so that the message can
        // name the line (a decoder that fails outright fails a whole buffer ahead of it).
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        Reader reader = new InputStreamReader(buffered, utf8);
        if (head.startsWith("\uFEFF")) {
            reader.read();
        }
        this.csv = CsvReader.builder()
                .fieldSeparator(separator)
                .quoteCharacter('"')
                .skipEmptyLines(true)
                .allowUnclosedQuote(false)
                .allowMissingFields(true)
                .allowExtraFields(true)
                .maxBufferSize(MAX_CELL_CHARS)
                .ofCsvRecord(reader);
        this.records = csv.iterator();
        CsvRecord header = nextRecord();
        if (header == null) {
            throw new InvalidFileException(0, "the file is empty");
        }
        List<String> headers = header.getFields().stream().map(String::strip).toList();
        this.fields = mapping.resolveHeader(headers, countryGiven);
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == null && !headers.get(i).isEmpty()) {
                ignored.add(headers.get(i));
            }
        }
    }

    char separator() {
        return separator;
    }

    @Override
    public RawRecord next() {
        CsvRecord record = nextRecord();
        if (record == null) {
            return null;
        }
        Map<ImportField, JsonNode> values = new EnumMap<>(ImportField.class);
        int cells = record.getFieldCount();
        String defect = null;
        for (int i = 0; i < cells; i++) {
            String cell = record.getField(i);
            if (i >= fields.length) {
                if (!cell.isBlank()) {
                    defect = "has " + cells + " cells but the header has " + fields.length
                            + "; is a separator or quote out of place?";
                }
                continue;
            }
            if (fields[i] != null && !cell.isBlank()) {
                values.put(fields[i], TextNode.valueOf(cell));
            }
        }
        return new RawRecord(record.getStartingLineNumber(), values, defect);
    }

    @Override
    public List<String> ignoredColumns() {
        return ignored;
    }

    @Override
    public long lastLine() {
        return lastLine;
    }

    private CsvRecord nextRecord() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CsvRecord record = records.next();
            for (String field : record.getFields()) {
                if (field.indexOf('\uFFFD') >= 0) {
                    throw new InvalidFileException(record.getStartingLineNumber(), "the file is not UTF-8 text at line "
                            + record.getStartingLineNumber() + "; save it as \"CSV UTF-8\"");
                }
            }
            lastLine = record.getStartingLineNumber();
            return record;
        } catch (CsvParseException e) {
            throw parseProblem(e);
        } catch (UncheckedIOException e) {
            throw ioProblem(e.getCause());
        }
    }

    private InvalidFileException parseProblem(CsvParseException e) {
        String message = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
        if (message.contains("buffer") || message.contains("field") && message.contains("size")) {
            return new InvalidFileException(lastLine + 1, "a cell longer than " + (MAX_CELL_CHARS >> 20)
                    + " MiB starts after line " + lastLine + "; is a quote left open?");
        }
        if (message.toLowerCase(java.util.Locale.ROOT).contains("quote")) {
            return new InvalidFileException(lastLine + 1, "a quoted cell is never closed: its quote opens after line "
                    + lastLine + ", the end of the last complete row");
        }
        if (e.getCause() instanceof IOException io) {
            return ioProblem(io);
        }
        return new InvalidFileException(lastLine + 1, "the CSV cannot be read after line " + lastLine + ": "
                + ColumnMapping.firstLine(e.getMessage()));
    }

    private InvalidFileException ioProblem(IOException cause) {
        return new InvalidFileException(lastLine + 1, "reading failed after line " + lastLine + ": "
                + cause.getMessage());
    }

    /** The first bytes of the file, as text, without consuming them; refuses binary files. */
    private static String peek(BufferedInputStream input) throws IOException {
        input.mark(1 << 16);
        byte[] bytes = input.readNBytes(1 << 15);
        input.reset();
        for (byte b : bytes) {
            if (b == 0) {
                throw new InvalidFileException(0, "the file is binary, not CSV text (is it a spreadsheet? "
                        + "export it as \"CSV UTF-8\")");
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Comma, semicolon or tab: whichever the header line, outside quotes, has most of. */
    static char detectSeparator(String head) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                switch (c) {
                    case ',' -> commas++;
                    case ';' -> semicolons++;
                    case '\t' -> tabs++;
                    default -> {
                    }
                }
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
