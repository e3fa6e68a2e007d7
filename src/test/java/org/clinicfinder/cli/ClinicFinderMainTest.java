package org.clinicfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClinicFinderMainTest {

    @Test
    void shouldTakeTheHttpPortOnlyToServe() {
        assertThat(ClinicFinderMain.serves()).isTrue();
        assertThat(ClinicFinderMain.serves("serve")).isTrue();
        assertThat(ClinicFinderMain.serves("import", "list.csv", "--source", "x")).isFalse();
        assertThat(ClinicFinderMain.serves("--help")).isFalse();
        assertThat(ClinicFinderMain.serves("serve", "--help")).isFalse();
        assertThat(ClinicFinderMain.serves("--version")).isFalse();
    }
}
