package org.civicloop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module structure: no cycles between capabilities, no reach into another module's insides.
 * Also writes the module diagrams and canvases: into {@code target/modules} on every run, and into
 * {@code docs/modules} (the committed copy) when run with {@code -Dcivicloop.docs=true}, e.g.
 * {@code ./mvnw test -Dtest=ModularityTests -Dcivicloop.docs=true} — the generator does not keep
 * a stable order, so writing the committed copy on every build would only add noise.
 */
class ModularityTests {

    static final ApplicationModules modules = ApplicationModules.of(CivicLoopApplication.class);

    @Test
    void verifiesModularStructure() {
        modules.verify();
    }

    @Test
    void hasOneModulePerCapability() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("cases", "ingest", "identity", "replies", "console", "portal", "platform");
    }

    @Test
    void writesDocumentation() {
        String folder = Boolean.getBoolean("civicloop.docs") ? "docs/modules" : "target/modules";
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(folder))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
