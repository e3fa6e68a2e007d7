package org.clinicfinder.admin;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.clinicfinder.api.model.AddressInput;
import org.clinicfinder.api.model.FieldError;
import org.clinicfinder.api.model.ProviderDetail;
import org.clinicfinder.api.model.ProviderInput;
import org.clinicfinder.common.ProblemException;
import org.clinicfinder.ingest.ImportField;
import org.clinicfinder.ingest.NormalisedRow;
import org.clinicfinder.ingest.ProviderCheck;
import org.clinicfinder.ingest.RowProblem;
import org.clinicfinder.provider.Provider;

/**
 * A provider as an admin enters it, put through the import pipeline's checks, so that it meets exactly the
 * rules of an imported one; problems come back under the body's own field names.
 */
final class ProviderInputs {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Import columns to the fields of the request body. */
    private static final Map<String, String> FIELD_OF_COLUMN = Map.ofEntries(
            Map.entry("address_line1", "address.lines[0]"), Map.entry("address_line2", "address.lines[1]"),
            Map.entry("city", "address.city"), Map.entry("region", "address.region"),
            Map.entry("postal_code", "address.postalCode"), Map.entry("country", "address.country"),
            Map.entry("latitude", "location.lat"), Map.entry("longitude", "location.lon"),
            Map.entry("needle_depth_mm", "needleDepthMm"), Map.entry("numbing", "numbingOffered"),
            Map.entry("opening_hours", "openingHours"), Map.entry("time_zone", "openingHours.timeZone"),
            Map.entry("credential_title", "credentials"), Map.entry("credential_issuer", "credentials"),
            Map.entry("credential_year", "credentials"));

    private ProviderInputs() {
    }

    /**
     * @param credentials the credentials to check with the rest: the input's on creation, the stored ones on
     *                    a replacement (which does not change them)
     * @throws ProblemException 400 naming every field that does not hold
     */
    static NormalisedRow check(ProviderInput input, JsonNode credentials, ObjectMapper json) {
        if (input == null) {
            throw ProblemException.invalidBody("body", "is required: the provider's details");
        }
        Map<ImportField, JsonNode> values = new EnumMap<>(ImportField.class);
        text(values, ImportField.NAME, input.getName());
        text(values, ImportField.KIND, input.getKind() == null ? null : input.getKind().toString());
        text(values, ImportField.PROFESSION, input.getProfession());
        AddressInput address = input.getAddress();
        if (address != null) {
            List<String> lines = address.getLines() == null ? List.of() : address.getLines();
            if (lines.size() > 2) {
                throw ProblemException.invalidBody("address.lines", "has at most 2 lines");
            }
            text(values, ImportField.ADDRESS_LINE1, lines.isEmpty() ? null : lines.get(0));
            text(values, ImportField.ADDRESS_LINE2, lines.size() < 2 ? null : lines.get(1));
            text(values, ImportField.CITY, address.getCity());
            text(values, ImportField.REGION, address.getRegion());
            text(values, ImportField.POSTAL_CODE, address.getPostalCode());
            text(values, ImportField.COUNTRY, address.getCountry());
        }
        if (input.getLocation() != null) {
            values.put(ImportField.LATITUDE, NODES.numberNode(input.getLocation().getLat()));
            values.put(ImportField.LONGITUDE, NODES.numberNode(input.getLocation().getLon()));
        }
        text(values, ImportField.PHONE, input.getPhone());
        text(values, ImportField.EMAIL, input.getEmail());
        text(values, ImportField.WEBSITE, input.getWebsite());
        list(values, ImportField.TREATMENTS, input.getTreatments());
        list(values, ImportField.LANGUAGES, input.getLanguages());
        list(values, ImportField.DEVICES, input.getDevices());
        if (input.getNeedleDepthMm() != null) {
            text(values, ImportField.NEEDLE_DEPTH_MM, input.getNeedleDepthMm().getMin() + "-"
                    + input.getNeedleDepthMm().getMax());
        }
        if (input.getNumbingOffered() != null) {
            values.put(ImportField.NUMBING, NODES.booleanNode(input.getNumbingOffered()));
        }
        if (input.getOpeningHours() != null) {
            values.put(ImportField.OPENING_HOURS, json.valueToTree(input.getOpeningHours()));
        }
        if (credentials != null && credentials.size() > 50) {
            throw ProblemException.invalidBody("credentials", "a provider holds at most 50");
        }
        if (credentials != null && !credentials.isEmpty()) {
            values.put(ImportField.CREDENTIALS, credentials);
        }
        ProviderCheck.Result result = ProviderCheck.check(values);
        if (!result.problems().isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            for (RowProblem problem : result.problems()) {
                String field = problem.field() == null ? "body" : FIELD_OF_COLUMN.getOrDefault(problem.field(), problem.field());
                errors.add(new FieldError(field, problem.reason()));
            }
            throw ProblemException.invalidBody(errors);
        }
        return result.row();
    }

    /** The fields of a provider's public document that an admin edits, in the shape of ProviderInput. */
    private static final List<String> EDITABLE = List.of("name", "kind", "profession", "address", "location", "phone",
            "email", "website", "treatments", "languages", "devices", "needleDepthMm", "numbingOffered",
            "openingHours");

    /** A provider's current details as a replacement would give them, for a merge patch to apply to. */
    static ObjectNode details(ProviderDetail detail, ObjectMapper json) {
        ObjectNode tree = json.valueToTree(detail);
        tree.retain(EDITABLE);
        return tree;
    }

    /** The checked details onto the stored provider; credentials, publication and source stay as they are. */
    static void apply(NormalisedRow row, Provider provider) {
        provider.name = row.name();
        provider.kind = row.kind() == null ? "clinic" : row.kind();
        provider.profession = row.profession();
        provider.addressLines = new ArrayList<>(row.addressLines());
        provider.city = row.city();
        provider.region = row.region();
        provider.postalCode = row.postalCode();
        provider.country = row.country();
        provider.latitude = row.latitude();
        provider.longitude = row.longitude();
        provider.phone = row.phone();
        provider.email = row.email();
        provider.website = row.website();
        provider.treatments = new ArrayList<>(row.treatments());
        provider.languages = new ArrayList<>(row.languages());
        provider.devices = new ArrayList<>(row.devices());
        provider.needleDepthMinMm = row.needleDepthMin();
        provider.needleDepthMaxMm = row.needleDepthMax();
        provider.numbingOffered = row.numbing();
        provider.openingHours = row.openingHours();
    }

    private static void text(Map<ImportField, JsonNode> values, ImportField field, String value) {
        if (value != null && !value.isBlank()) {
            values.put(field, NODES.textNode(value));
        }
    }

    private static void list(Map<ImportField, JsonNode> values, ImportField field, List<String> items) {
        if (items != null && !items.isEmpty()) {
            values.put(field, NODES.arrayNode().addAll(items.stream().map(item -> (JsonNode) NODES.textNode(item)).toList()));
        }
    }
}
