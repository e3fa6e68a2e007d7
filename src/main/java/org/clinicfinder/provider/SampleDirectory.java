package org.clinicfinder.provider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import org.clinicfinder.common.ClinicFinderConfig;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Loads the fictional sample directory (db/sample, written by scripts/generate-sample-data.py) when
 * clinic-finder.sample-data.load is true, as scripts/run and the compose file set it. It is a repeatable
 * migration with its own history table: it runs again only when the sample changes, and replaces the
 * earlier sample without touching providers from any other source.
 */
@ApplicationScoped
public class SampleDirectory {

    private static final Logger LOG = Logger.getLogger(SampleDirectory.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ClinicFinderConfig config;

    void onStart(@Observes StartupEvent event) {
        if (config.sampleData().load()) {
            load();
        }
    }

    /** Loads the sample unless the same sample is already loaded. */
    public void load() {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/sample")
                .table("sample_data_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.infof("Sample directory %s", result.migrationsExecuted > 0 ? "loaded" : "already up to date");
    }
}
