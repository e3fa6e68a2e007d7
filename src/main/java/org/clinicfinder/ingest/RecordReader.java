package org.clinicfinder.ingest;

import java.io.Closeable;
import java.util.List;

/** Streams the records of an import file, one at a time, whatever its size. */
public interface RecordReader extends Closeable {

    /** The next record, or null at the end. */
    RawRecord next();

    /** Columns the file has that no field takes; reported and ignored. */
    List<String> ignoredColumns();

    /** The last line read so far, for messages about what comes after it. */
    long lastLine();
}
