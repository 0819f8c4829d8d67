package org.civicloop.channels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * Loads {@code channels.yml} into the environment at start, below command-line arguments,
 * environment variables and test properties but above {@code application.properties} (whose
 * defaults keep every channel off). Runs after the configuration files are read, since the
 * file's place depends on {@code civicloop.data-dir}; {@code {cipher}} values in it are opened
 * afterwards like any other (see {@code DecryptingEnvironmentPostProcessor}).
 */
public class ChannelsFileEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_PREFIX = "channels file ";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 15;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        load(environment);
    }

    /** Adds the file's properties; answers whether there was a file. */
    public static boolean load(ConfigurableEnvironment environment) {
        Path file = ChannelsFile.location(environment);
        if (!Files.isRegularFile(file)) {
            if (ChannelsFile.explicit(environment)) {
                throw new IllegalStateException("The channels file " + file + " (" + ChannelsFile.FILE_PROPERTY
                        + " or --channels) does not exist");
            }
            return false;
        }
        List<PropertySource<?>> sources;
        try {
            sources = new YamlPropertySourceLoader().load(SOURCE_PREFIX + file, new FileSystemResource(file));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "The channels file " + file + " is not valid YAML: " + e.getMessage(), null);
        }
        var all = environment.getPropertySources();
        String firstFile = all.stream()
                .map(PropertySource::getName)
                .filter(name -> name.startsWith("Config resource"))
                .findFirst()
                .orElse(null);
        for (PropertySource<?> source : sources) {
            if (all.contains(source.getName())) all.remove(source.getName());
            if (firstFile != null) all.addBefore(firstFile, source);
            else all.addLast(source);
        }
        return true;
    }
}
