package org.clinicfinder.ingest;

/** The file as a whole cannot be imported; nothing of it is published. */
public class InvalidFileException extends RuntimeException {

    private final long line;

    /** @param line where the problem is, or 0 when it concerns the whole file */
    public InvalidFileException(long line, String message) {
        super(message, null, false, false);
        this.line = line;
    }

    public long line() {
        return line;
    }
}
