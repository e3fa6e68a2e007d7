package org.clinicfinder.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.clinicfinder.api.model.CredentialStatus;
import org.clinicfinder.api.model.Device;
import org.clinicfinder.api.model.Profession;
import org.clinicfinder.api.model.ProviderKind;
import org.clinicfinder.api.model.TreatmentSlug;

/**
 * Synonyms that import files use for the directory's vocabularies (ingest/vocabulary.txt), onto the slugs
 * of the contract's enumerations. Every slug matches itself.
 */
final class Vocabularies {

    static final Vocabularies INSTANCE = load();

    private final Map<String, Vocabulary> byName;

    private Vocabularies(Map<String, Vocabulary> byName) {
        this.byName = byName;
    }

    Vocabulary treatments() {
        return byName.get("treatments");
    }

    Vocabulary devices() {
        return byName.get("devices");
    }

    Vocabulary professions() {
        return byName.get("professions");
    }

    Vocabulary kinds() {
        return byName.get("kinds");
    }

    Vocabulary credentialStatuses() {
        return byName.get("credential-statuses");
    }

    /** One vocabulary: slugs in the contract's order, and what names them. */
    static final class Vocabulary {
        private final List<String> slugs;
        private final Map<String, String> synonyms = new HashMap<>();
        private final RememberedSpellings<Optional<String>> spellings = new RememberedSpellings<>(
                name -> Optional.ofNullable(synonyms.get(TextKey.of(name))));

        Vocabulary(List<String> slugs) {
            this.slugs = List.copyOf(slugs);
            slugs.forEach(slug -> synonyms.put(TextKey.of(slug), slug));
        }

        Optional<String> slug(String name) {
            return spellings.get(name);
        }

        List<String> slugs() {
            return slugs;
        }

        /** Slugs sorted into the vocabulary's order, so that the same set is always stored the same way. */
        List<String> ordered(java.util.Collection<String> found) {
            return slugs.stream().filter(found::contains).toList();
        }

        void add(String slug, String synonym) {
            if (!slugs.contains(slug)) {
                throw new IllegalStateException("vocabulary.txt names an unknown slug: " + slug);
            }
            synonyms.putIfAbsent(TextKey.of(synonym), slug);
        }
    }

    private static Vocabularies load() {
        Map<String, Vocabulary> vocabularies = new LinkedHashMap<>();
        vocabularies.put("treatments", new Vocabulary(values(TreatmentSlug.values())));
        vocabularies.put("devices", new Vocabulary(values(Device.values())));
        vocabularies.put("professions", new Vocabulary(values(Profession.values())));
        vocabularies.put("kinds", new Vocabulary(values(ProviderKind.values())));
        vocabularies.put("credential-statuses", new Vocabulary(values(CredentialStatus.values())));
        try (InputStream in = Vocabularies.class.getResourceAsStream("/ingest/vocabulary.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Vocabulary current = null;
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[")) {
                    current = vocabularies.get(line.substring(1, line.length() - 1));
                    continue;
                }
                int colon = line.indexOf(':');
                String slug = line.substring(0, colon).strip();
                for (String synonym : line.substring(colon + 1).split(",")) {
                    current.add(slug, synonym.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Vocabularies(vocabularies);
    }

    private static List<String> values(Enum<?>[] constants) {
        List<String> slugs = new ArrayList<>();
        for (Enum<?> constant : constants) {
            slugs.add(constant.toString());
        }
        return slugs;
    }
}
