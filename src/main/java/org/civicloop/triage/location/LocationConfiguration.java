package org.civicloop.triage.location;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's {@link Locator}, over the gazetteer {@link GazetteerSettings} points to. */
@Configuration(proxyBeanMethods = false)
class LocationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LocationConfiguration.class);

    static final String DEMO_GAZETTEER = "classpath:demo/gazetteer/";

    @Bean
    Locator locator(
            GazetteerSettings settings,
            @Value("${civicloop.data-dir:data}") String dataDir,
            @Value("${civicloop.demo.enabled:false}") boolean demo) {
        Gazetteer gazetteer =
                load(settings.location(), Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir), demo);
        if (gazetteer.isEmpty()) {
            log.info("No gazetteer: messages are located only by the coordinates sent with them");
        } else {
            log.info(
                    "Gazetteer {}: {} streets, {} intersections, {} address points, {} landmarks, {} neighbourhoods",
                    gazetteer.source(),
                    gazetteer.streets().size(),
                    gazetteer.intersections().size(),
                    gazetteer.addresses().size(),
                    gazetteer.landmarks().size(),
                    gazetteer.neighbourhoods().size());
        }
        return new Locator(gazetteer);
    }

    static Gazetteer load(String location, Path dataDir, boolean demo) {
        if (location == null || location.isBlank()) {
            Path own = dataDir.resolve("gazetteer");
            if (Files.isDirectory(own)) return GazetteerFiles.read(own);
            if (!demo) return Gazetteer.empty();
            location = DEMO_GAZETTEER;
        }
        location = location.strip();
        if (location.startsWith("classpath:")) {
            String prefix = location.substring("classpath:".length()).replaceFirst("^/+", "");
            String folder = prefix.endsWith("/") || prefix.isEmpty() ? prefix : prefix + "/";
            ClassLoader loader = LocationConfiguration.class.getClassLoader();
            return GazetteerFiles.read(
                    name -> {
                        InputStream in = loader.getResourceAsStream(folder + name);
                        return in;
                    },
                    location);
        }
        if (location.startsWith("file:")) location = location.substring("file:".length());
        return GazetteerFiles.read(Path.of(location));
    }
}
