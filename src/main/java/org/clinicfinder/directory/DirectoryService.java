package org.clinicfinder.directory;

import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.clinicfinder.api.model.Country;
import org.clinicfinder.api.model.Treatment;
import org.clinicfinder.api.model.TreatmentSlug;
import org.clinicfinder.provider.Provider;

/** The countries that have published providers, and the treatment vocabulary, named in a language. */
@ApplicationScoped
public class DirectoryService {

    private static final String TREATMENT_LABELS = "i18n.treatments";

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Country> countries(Locale language) {
        Collator collator = Collator.getInstance(language);
        return Provider.countPublishedByCountry().entrySet().stream()
                .map(entry -> new Country(entry.getKey(), countryName(entry.getKey(), language), entry.getValue()))
                .sorted(Comparator.comparing(Country::getName, collator))
                .toList();
    }

    public List<Treatment> treatments(Locale language) {
        ResourceBundle labels = ResourceBundle.getBundle(TREATMENT_LABELS, language,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return java.util.Arrays.stream(TreatmentSlug.values())
                .map(slug -> new Treatment(slug, labels.getString(slug + ".label"),
                        labels.getString(slug + ".description")))
                .toList();
    }

    static String countryName(String code, Locale language) {
        return new Locale("", code).getDisplayCountry(language);
    }
}
