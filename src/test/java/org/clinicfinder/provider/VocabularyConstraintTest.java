package org.clinicfinder.provider;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import org.clinicfinder.api.model.Device;
import org.clinicfinder.api.model.Profession;
import org.clinicfinder.api.model.TreatmentSlug;
import org.clinicfinder.testing.DirectoryTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The database stores exactly the vocabularies of the contract: every slug, and nothing else. */
@QuarkusTest
class VocabularyConstraintTest extends DirectoryTest {

    @Test
    void shouldStoreEveryTreatmentDeviceAndProfessionOfTheContract() {
        for (TreatmentSlug treatment : TreatmentSlug.values()) {
            assertThatCode(() -> providers.provider("T " + treatment).treatments(treatment.toString()).insert())
                    .doesNotThrowAnyException();
        }
        for (Device device : Device.values()) {
            assertThatCode(() -> providers.provider("D " + device).devices(device.toString()).insert())
                    .doesNotThrowAnyException();
        }
        for (Profession profession : Profession.values()) {
            assertThatCode(() -> providers.provider("P " + profession).profession(profession.toString()).insert())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void shouldRefuseValuesOutsideTheVocabularies() {
        assertThatThrownBy(() -> providers.provider("X").treatments("acne-scars", "botox").insert())
                .hasMessageContaining("provider_treatments_known");
        assertThatThrownBy(() -> providers.provider("X").devices("laser").insert())
                .hasMessageContaining("provider_devices_known");
        assertThatThrownBy(() -> providers.provider("X").profession("wizard").insert())
                .hasMessageContaining("provider_profession_known");
        assertThatThrownBy(() -> providers.provider("X").languages("en", "English").insert())
                .hasMessageContaining("provider_languages_codes");
    }
}
