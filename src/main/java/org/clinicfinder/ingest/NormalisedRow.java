package org.clinicfinder.ingest;

import java.math.BigDecimal;
import java.util.List;

import org.clinicfinder.provider.TrainingCredential;
import org.clinicfinder.provider.WeeklyHours;

/** A provider as the import will store it: every value checked and in the directory's form. */
public record NormalisedRow(
        long line,
        String identityKey,
        String externalId,
        String name,
        String kind,
        String profession,
        List<String> addressLines,
        String city,
        String region,
        String postalCode,
        String country,
        Double latitude,
        Double longitude,
        String phone,
        String email,
        String website,
        List<String> treatments,
        List<String> languages,
        List<String> devices,
        BigDecimal needleDepthMin,
        BigDecimal needleDepthMax,
        Boolean numbing,
        WeeklyHours openingHours,
        List<TrainingCredential> credentials) {
}
