package org.clinicfinder.ingest;

import java.nio.file.Path;
import java.util.UUID;

import org.clinicfinder.provider.TrainingCredential;

/**
 * One import, as the command line or the admin API asks for it.
 *
 * @param file the list to import
 * @param displayName how messages name the file
 * @param source who the list comes from; providers are identified within their source
 * @param format the file's format, or null to tell it by the file's extension
 * @param mapping a column mapping file, or null
 * @param defaultCountry the country of rows that give none, or null
 * @param defaultCredential the evidence of training of every row, or null
 * @param maxErrors how many rejected rows are tolerated before nothing is published; null for no limit
 * @param runId the id the run is recorded under, or null for a new one
 * @param startedBy the admin who started the run over the API, or null from the command line
 */
public record ImportRequest(Path file, String displayName, String source, ImportFormat format, Path mapping,
        String defaultCountry, TrainingCredential defaultCredential, ImportMode mode, boolean dryRun,
        Long maxErrors, UUID runId, String startedBy) {
}
