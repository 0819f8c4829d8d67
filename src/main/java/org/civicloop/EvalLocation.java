package org.civicloop;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.civicloop.triage.location.LocationEvaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code civicloop eval-location}: place extraction measured on reports with gold addresses. */
@Command(
        name = "eval-location",
        mixinStandardHelpOptions = true,
        description = {
            "Measure place extraction on reports with a gold address (CSV columns text,address; lat,lng and id"
                    + " optional) against a gazetteer of street names (CSV with a name or street column).",
            "Prints one JSON object on stdout: street and house-number precision/recall next to two regex"
                    + " baselines; with gold coordinates, geocoding distances with street middles estimated on"
                    + " the other folds."
        })
class EvalLocation implements Callable<Integer> {

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "reports with gold addresses")
    Path test;

    @Option(names = "--streets", required = true, paramLabel = "FILE", description = "the city's street names")
    Path streets;

    @Option(
            names = "--folds",
            paramLabel = "K",
            defaultValue = "5",
            description = "folds for estimating street middles from gold coordinates (default: ${DEFAULT-VALUE})")
    int folds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CivicLoop.logToStandardError();
        try {
            var result = LocationEvaluation.run(test, streets, folds);
            CivicLoop.printJson(spec, result);
            return 0;
        } catch (IllegalArgumentException | java.io.IOException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
    }
}
