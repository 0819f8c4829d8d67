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

    private SentenceEmbeddings(EmbeddingModel model) {
        this.model = model;
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
