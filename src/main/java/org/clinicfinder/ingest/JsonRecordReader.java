package org.clinicfinder.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON input: an array of provider objects ({@link #array}) or one object per line ({@link #ndjson}), read
 * one object at a time. Keys are matched to fields like CSV headers; lists may be JSON arrays.
 */
abstract class JsonRecordReader implements RecordReader {

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(CsvRecordReader.MAX_CELL_CHARS)
                    .maxNestingDepth(20)
                    .build())
            .build());

    private final ColumnMapping mapping;
    private final Set<String> ignored = new LinkedHashSet<>();
    protected long lastLine;

    JsonRecordReader(ColumnMapping mapping) {
        this.mapping = mapping;
    }

    static RecordReader array(InputStream input, ColumnMapping mapping) throws IOException {
        return new ArrayReader(input, mapping);
    }

    static RecordReader ndjson(InputStream input, ColumnMapping mapping) {
        return new LinesReader(input, mapping);
    }

    @Override
    public List<String> ignoredColumns() {
        return new ArrayList<>(ignored);
    }

    @Override
    public long lastLine() {
        return lastLine;
    }

    RawRecord record(long line, JsonNode node) {
        if (!node.isObject()) {
            return new RawRecord(line, Map.of(), "is a JSON " + node.getNodeType().name().toLowerCase()
                    + ", not an object");
        }
        Map<ImportField, JsonNode> values = new EnumMap<>(ImportField.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            if (value.isNull() || value.isTextual() && value.asText().isBlank()) {
                continue;
            }
            mapping.field(entry.getKey()).ifPresentOrElse(field -> values.put(field, value),
                    () -> ignored.add(entry.getKey()));
        }
        return new RawRecord(line, values);
    }

    static InvalidFileException syntaxProblem(JsonProcessingException e, long fallbackLine) {
        long line = e.getLocation() == null ? fallbackLine : e.getLocation().getLineNr();
        String message = e.getOriginalMessage();
        if (message != null && message.contains("Invalid UTF-8")) {
            return new InvalidFileException(line, "the file is not UTF-8 text at line " + line);
        }
        if (message != null && message.contains("String value length")) {
            return new InvalidFileException(line, "a value at line " + line + " is longer than "
                    + (CsvRecordReader.MAX_CELL_CHARS >> 20) + " MiB");
        }
        if (message != null && message.startsWith("Unexpected end-of-input")) {
            return new InvalidFileException(line, "the JSON ends at line " + line
                    + " before its array or an object in it is closed");
        }
        return new InvalidFileException(line, "JSON syntax error at line " + line + ": " + readable(message));
    }

    /** Jackson's message without its pointers into the parser's source. */
    static String readable(String message) {
        return ColumnMapping.firstLine(message)
                .replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", "")
                .replaceAll("\\s*at \\[Source:.*$", "");
    }

    /** A JSON array of objects. */
    private static final class ArrayReader extends JsonRecordReader {
        private final JsonParser parser;

        ArrayReader(InputStream input, ColumnMapping mapping) throws IOException {
            super(mapping);
            this.parser = JSON.getFactory().createParser(input);
            try {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw new InvalidFileException(0, "the file is empty");
                }
                if (first != JsonToken.START_ARRAY) {
                    throw new InvalidFileException(parser.currentLocation().getLineNr(),
                            "a JSON import file must be an array of provider objects: [{...}, {...}]");
                }
            } catch (JsonProcessingException e) {
                throw syntaxProblem(e, 1);
            }
        }

        @Override
        public RawRecord next() {
            try {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    if (parser.nextToken() != null) {
                        throw new InvalidFileException(parser.currentLocation().getLineNr(),
                                "unexpected content after the closing ] at line " + parser.currentLocation().getLineNr());
                    }
                    return null;
                }
                if (token == null) {
                    throw new InvalidFileException(lastLine, "the JSON array is not closed: ] is missing");
                }
                lastLine = parser.currentLocation().getLineNr();
                JsonNode node = JSON.readTree(parser);
                return record(lastLine, node);
            } catch (JsonProcessingException e) {
                throw syntaxProblem(e, lastLine);
            } catch (IOException e) {
                throw new InvalidFileException(lastLine, "reading failed after line " + lastLine + ": "
                        + e.getMessage());
            }
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    /** NDJSON: one object a line; blank lines are skipped. */
    private static final class LinesReader extends JsonRecordReader {
        private final BufferedReader lines;

        LinesReader(InputStream input, ColumnMapping mapping) {
            super(mapping);
            // Bytes that are not UTF-8 become U+FFFD, found with the line they are on.
            this.lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
        }

        @Override
        public RawRecord next() {
            try {
                String line;
                do {
                    line = boundedLine();
                    if (line == null) {
                        return null;
                    }
                    lastLine++;
                    if (lastLine == 1 && line.startsWith("\uFEFF")) {
                        line = line.substring(1);
                    }
                    if (line.indexOf('\uFFFD') >= 0) {
                        throw new InvalidFileException(lastLine, "the file is not UTF-8 text at line " + lastLine);
                    }
                    if (line.length() > CsvRecordReader.MAX_CELL_CHARS) {
                        throw new InvalidFileException(lastLine, "line " + lastLine + " is longer than "
                                + (CsvRecordReader.MAX_CELL_CHARS >> 20) + " MiB");
                    }
                } while (line.isBlank());
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new InvalidFileException(lastLine, "JSON syntax error at line " + lastLine + ": "
                            + readable(e.getOriginalMessage()));
                }
                return record(lastLine, node);
            } catch (IOException e) {
                throw new InvalidFileException(lastLine, "reading failed after line " + lastLine + ": "
                        + e.getMessage());
            }
        }

        /** The next line, refusing one longer than a cell may be before it is held in memory. */
        private String boundedLine() throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = lines.read()) >= 0) {
                if (c == '\n') {
                    break;
                }
                if (line.length() > CsvRecordReader.MAX_CELL_CHARS) {
                    throw new InvalidFileException(lastLine + 1, "line " + (lastLine + 1) + " is longer than "
                            + (CsvRecordReader.MAX_CELL_CHARS >> 20) + " MiB");
                }
                line.append((char) c);
            }
            if (c < 0 && line.length() == 0) {
                return null;
            }
            int end = line.length();
            if (end > 0 && line.charAt(end - 1) == '\r') {
                line.setLength(end - 1);
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
