package org.clinicfinder.testing;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import org.junit.jupiter.api.BeforeEach;

/** A @QuarkusTest that starts each test from an empty directory and adds the providers it needs. */
public abstract class DirectoryTest {

    @Inject
    protected AgroalDataSource dataSource;

    protected TestProviders providers;

    @BeforeEach
    protected void emptyDirectory() {
        providers = new TestProviders(dataSource);
        providers.deleteAll();
    }
}
