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

    /**
     * A separate instance of the shipped model whose ONNX session uses one thread per call
     * ({@code intra_op_num_threads = 1}) and computes in the calling thread. The default session
     * spreads each sentence over every core, which over-subscribes a small machine when several
     * threads embed at once; with one such instance shared by N threads, N sentences are computed
     * side by side instead (on 2 cores about twice the throughput, see docs/performance.md).
     */
    public static SentenceEmbeddings singleThreaded() {
        return new SentenceEmbeddings(new SingleThreadedModel());
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

    /** The shipped model's files, in an ONNX session limited to one intra-op thread. */
    private static final class SingleThreadedModel
            extends dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel {
        private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
        private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

        private final dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder encoder;

        SingleThreadedModel() {
            super(Runnable::run);
            try (var modelFile = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(MODEL);
                    var tokenizer = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(TOKENIZER);
                    var options = new ai.onnxruntime.OrtSession.SessionOptions()) {
                if (modelFile == null || tokenizer == null)
                    throw new IllegalStateException("the model files are missing");
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                var environment = ai.onnxruntime.OrtEnvironment.getEnvironment();
                var session = environment.createSession(modelFile.readAllBytes(), options);
                encoder = new dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder(
                        environment, session, tokenizer, dev.langchain4j.model.embedding.onnx.PoolingMode.MEAN);
            } catch (java.io.IOException | ai.onnxruntime.OrtException e) {
                throw new IllegalStateException("cannot load the sentence-embedding model", e);
            }
        }

        @Override
        protected dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }
    }
}
