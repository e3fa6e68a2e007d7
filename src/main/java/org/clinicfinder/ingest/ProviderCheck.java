package org.clinicfinder.ingest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The import pipeline's checks and normalisation for one provider given field by field (the admin API's
 * writes), so that a provider entered by hand meets exactly the rules of an imported one.
 */
public final class ProviderCheck {

    /** The provider in the directory's form, or the problems that keep it out (each naming its field). */
    public record Result(NormalisedRow row, List<RowProblem> problems) {
    }

    private ProviderCheck() {
    }

    public static Result check(Map<ImportField, JsonNode> values) {
        RowNormaliser.Result result = new RowNormaliser(new RowNormaliser.SourceDefaults(null, null))
                .normalise(new RawRecord(1, values));
        return new Result(result.row(), result.problems());
    }
}
