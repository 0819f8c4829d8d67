package org.civicloop.triage.text;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentence embeddings computed in-process (all-MiniLM-L6-v2, quantised, ONNX Runtime): no text
 * leaves the machine. Vectors are L2-normalised, so a dot product is the cosine similarity. The
 * model is loaded on first use (about half a second) and shared; it is thread-safe.
 */
public final class SentenceEmbeddings {

    private static volatile EmbeddingModel shared;

    private final EmbeddingModel model;
    private final java.util.Map<String, float[]> batchCache;

    private SentenceEmbeddings(EmbeddingModel model) {
        this(model, null);
    }

    private SentenceEmbeddings(EmbeddingModel model, java.util.Map<String, float[]> batchCache) {
        this.model = model;
        this.batchCache = batchCache;
    }

    /**
     * The same model, remembering the vectors computed by {@link #embedAll} (at most
     * {@code maxEntries}, least recently used dropped): what a classifier rebuilt from the same
     * descriptions and examples embeds again costs nothing. {@link #embed} (one message) is not
     * remembered.
     */
    public SentenceEmbeddings cachingBatches(int maxEntries) {
        var cache =
                java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<String, float[]>(256, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(java.util.Map.Entry<String, float[]> eldest) {
                        return size() > maxEntries;
                    }
                });
        return new SentenceEmbeddings(model, cache);
    }

    /** The model shipped with CivicLoop. */
    public static SentenceEmbeddings shipped() {
        if (shared == null) {
            synchronized (SentenceEmbeddings.class) {
                if (shared == null) shared = new AllMiniLmL6V2QuantizedEmbeddingModel();
            }
        }
        return new SentenceEmbeddings(shared);
    }

    public static String modelName() {
        return "all-MiniLM-L6-v2-q";
    }

    public float[] embed(String text) {
        return normalise(model.embed(text == null || text.isBlank() ? " " : text)
                .content()
                .vector());
    }

    public List<float[]> embedAll(List<String> texts) {
        if (batchCache != null) {
            var missing = texts.stream()
                    .filter(t -> !batchCache.containsKey(key(t)))
                    .distinct()
                    .toList();
            var computed = compute(missing);
            for (int i = 0; i < missing.size(); i++) batchCache.put(key(missing.get(i)), computed.get(i));
            var result = new ArrayList<float[]>(texts.size());
            for (String t : texts) {
                float[] v = batchCache.get(key(t));
                result.add(v != null ? v.clone() : embed(t));
            }
            return result;
        }
        return compute(texts);
    }

    private static String key(String text) {
        return text == null ? "" : text;
    }

    private List<float[]> compute(List<String> texts) {
        var result = new ArrayList<float[]>(texts.size());
        int batch = 64;
        for (int i = 0; i < texts.size(); i += batch) {
            var segments = texts.subList(i, Math.min(texts.size(), i + batch)).stream()
                    .map(t -> TextSegment.from(t == null || t.isBlank() ? " " : t))
                    .toList();
            model.embedAll(segments).content().forEach(e -> result.add(normalise(e.vector())));
        }
        return result;
    }

    public static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static float[] normalise(float[] v) {
        double n = 0;
        for (float x : v) n += x * x;
        n = Math.sqrt(n);
        if (n > 0) for (int i = 0; i < v.length; i++) v[i] /= (float) n;
        return v;
    }
}
