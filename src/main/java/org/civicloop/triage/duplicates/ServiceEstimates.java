package org.civicloop.triage.duplicates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.civicloop.triage.text.SentenceEmbeddings;

/**
 * The city's services as sentence vectors (name, description and keywords), to tell which
 * services a message is most likely about from the vector already computed for it: zero-shot, as
 * the category stage does without examples. Duplicates need only "which services could this be",
 * so a few ranks are kept rather than one answer.
 */
final class ServiceEstimates {

    /** A service as the estimate sees it. */
    record Service(String code, String text) {}

    static final ServiceEstimates NONE = new ServiceEstimates(List.of(), List.of(), 0);

    private final List<String> codes;
    private final List<float[]> vectors;
    private final int signature;

    private ServiceEstimates(List<String> codes, List<float[]> vectors, int signature) {
        this.codes = codes;
        this.vectors = vectors;
        this.signature = signature;
    }

    static ServiceEstimates of(SentenceEmbeddings embeddings, List<Service> services) {
        if (services.size() < 2) return new ServiceEstimates(List.of(), List.of(), services.hashCode());
        var vectors = embeddings.embedAll(services.stream().map(Service::text).toList());
        return new ServiceEstimates(services.stream().map(Service::code).toList(), vectors, services.hashCode());
    }

    /** Whether these estimates were built from exactly this catalogue. */
    boolean builtFrom(List<Service> services) {
        return signature == services.hashCode() && (codes.size() == services.size() || services.size() < 2);
    }

    /** Below this similarity to every service, a message's service is unknown. */
    static final double UNKNOWN_BELOW = 0.15;

    /**
     * The codes of the services a message vector could be about: the most similar one and those
     * within {@code margin} of it, best first; empty when the city has no catalogue or the message
     * resembles no service (below {@value #UNKNOWN_BELOW}: the model does not read it).
     */
    List<String> likeliest(float[] vector, double margin) {
        if (codes.isEmpty()) return List.of();
        var order = new ArrayList<Integer>();
        for (int i = 0; i < codes.size(); i++) order.add(i);
        double[] score = new double[codes.size()];
        for (int i = 0; i < score.length; i++) score[i] = SentenceEmbeddings.cosine(vector, vectors.get(i));
        order.sort(Comparator.comparingDouble(i -> -score[i]));
        double best = score[order.get(0)];
        if (best < UNKNOWN_BELOW) return List.of();
        return order.stream()
                .filter(i -> score[i] >= best - margin)
                .map(codes::get)
                .toList();
    }
}
