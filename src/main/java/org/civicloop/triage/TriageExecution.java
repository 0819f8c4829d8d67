package org.civicloop.triage;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads triage stages run on ({@link TriageListener}): a pool of its own, small by default
 * (one thread), so that a burst of messages queues up behind the models instead of taking every
 * core from the web pages and the connectors storing what arrives. Nothing queued is lost on a
 * crash: each stage's event is in the publication registry until the stage has run. Emergencies do
 * not wait in this queue ({@link EmergencyLane}). On shutdown the running stage is let finish (the
 * models run native code that must not be cut off mid-call).
 */
@Configuration(proxyBeanMethods = false)
class TriageExecution {

    static final String NAME = "triageExecutor";

    @Bean(NAME)
    ThreadPoolTaskExecutor triageExecutor(@Value("${civicloop.triage.threads:1}") int threads) {
        var executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("triage-");
        executor.setCorePoolSize(Math.max(1, threads));
        executor.setMaxPoolSize(Math.max(1, threads));
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.setAwaitTerminationSeconds(20);
        return executor;
    }
}
