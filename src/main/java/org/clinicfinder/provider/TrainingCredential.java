package org.clinicfinder.provider;

import java.time.LocalDate;

/**
 * Evidence that a provider was trained in collagen induction therapy, kept inside its provider's row.
 *
 * @param status unverified, verified or expired
 * @param verifiedOn when the credential was last checked with its issuer, if ever
 */
public record TrainingCredential(String title, String issuer, Integer year, String status, LocalDate verifiedOn) {
}
