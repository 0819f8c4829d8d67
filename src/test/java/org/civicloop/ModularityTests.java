package org.civicloop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module structure: no cycles between capabilities, no reach into another module's insides.
 * Also writes the module diagrams and canvases into {@code docs/modules}.
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
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
