package org.talkback.spamcheck.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.talkback.platform.transactions.AfterCommit;
import org.talkback.spamcheck.repository.ClassifierRepository;
import org.talkback.spamcheck.service.learning.SiteModels;

/**
 * The statistical layer: naive Bayes over binary features (TextFeatures), learning online. Every site starts from
 * the seed examples shipped with the service and adds what its moderators and API clients teach it; the learned
 * counts live in PostgreSQL and in memory, and one new example changes a few hundred counts, never a retraining.
 *
 * <p>The evidence from the text (words, pairs, trigrams) is the sum of each known feature's log-likelihood ratio
 * divided by the square root of how many there were. Plain naive Bayes adds them up as if independent; words,
 * their pairs and their trigrams are not, and the plain sum made confident mistakes on comments from videos it had
 * not been trained on (docs/benchmarks.md, spam quality). The few features about the comment's form (links and their domains,
 * the author's link, shouting, shortness) are not overlapping views of one text, so their ratios are added whole:
 * diluted among a long comment's words, a link to a known spam domain counted for almost nothing.
 */
@ApplicationScoped
public class SpamClassifier {
    /** Laplace smoothing: a feature seen once is a hint, not a verdict. */
    private static final double SMOOTHING = 1.0;
    private static final double MAX_EVIDENCE = 12.0;

    /**
     * The classifier's evidence for one comment, with the features that weighed most each way, and how many of
     * the site's own examples (not the seed's) it has learned from.
     */
    public record Assessment(double evidence, List<String> spamFeatures, List<String> hamFeatures, int examplesLearned,
            boolean siteModel, double secondOpinion) {
    }

    /** Counts in memory: per feature {spam, ham}, and the number of examples of each. */
    static final class Counts {
        final Map<String, int[]> features = new ConcurrentHashMap<>();
        /** The texts learned as spam, by ClassifierRepository.textKey: a moderator's decision about that very text. */
        final Set<Long> spamTexts = ConcurrentHashMap.newKeySet();
        volatile int spam;
        volatile int ham;
        volatile long revision;

        synchronized void add(Set<String> learned, int spamDelta, int hamDelta) {
            for (String feature : learned) {
                int[] counts = features.computeIfAbsent(feature, f -> new int[2]);
                counts[0] += spamDelta;
                counts[1] += hamDelta;
            }
            spam += spamDelta;
            ham += hamDelta;
        }
    }

    private final ClassifierRepository repository;
    private final TransactionSynchronizationRegistry transactions;
    private final SiteModels models;
    private final Counts seed = new Counts();
    private final Map<String, Counts> sites = new ConcurrentHashMap<>();

    public SpamClassifier(ClassifierRepository repository, TransactionSynchronizationRegistry transactions,
            SiteModels models) {
        this.repository = repository;
        this.transactions = transactions;
        this.models = models;
        loadSeed();
    }

    public Assessment assess(String siteId, Set<String> features) {
        Counts site = countsOf(siteId);
        double spamExamples = seed.spam + site.spam;
        double hamExamples = seed.ham + site.ham;
        Strongest towardsSpam = new Strongest();
        Strongest towardsHam = new Strongest();
        double textSum = 0;
        int textFeatures = 0;
        double formSum = 0;
        for (String feature : features) {
            int[] fromSeed = seed.features.get(feature);
            int[] learned = site.features.get(feature);
            int spam = (fromSeed == null ? 0 : fromSeed[0]) + (learned == null ? 0 : learned[0]);
            int ham = (fromSeed == null ? 0 : fromSeed[1]) + (learned == null ? 0 : learned[1]);
            if (spam + ham <= 0) {
                continue; // never seen: no evidence either way
            }
            double ratio = Math.log((spam + SMOOTHING) / (spamExamples + 2 * SMOOTHING))
                    - Math.log((ham + SMOOTHING) / (hamExamples + 2 * SMOOTHING));
            double contribution = TextFeatures.weightOf(feature) * ratio;
            if (TextFeatures.isAboutTheText(feature)) {
                textSum += contribution;
                textFeatures++;
            } else {
                formSum += contribution;
            }
            if (contribution > 0.5) {
                towardsSpam.offer(feature, contribution);
            } else if (contribution < -0.5) {
                towardsHam.offer(feature, -contribution);
            }
        }
        double evidence = (textFeatures == 0 ? 0 : textSum / Math.sqrt(textFeatures)) + formSum;
        evidence = Math.max(-MAX_EVIDENCE, Math.min(MAX_EVIDENCE, evidence));
        return new Assessment(evidence, towardsSpam.names(), towardsHam.names(), site.spam + site.ham, false, evidence);
    }

    /**
     * Whether this very text (whatever its case, entities or invisible characters) was learned as spam on the site:
     * one decision hardly moves counts learned from hundreds of examples, and a moderator should not have to mark
     * the same text spam again for every account a bot posts it from.
     */
    public boolean learnedAsSpam(String siteId, String content) {
        return countsOf(siteId).spamTexts.contains(ClassifierRepository.textKey(hashOf(content)));
    }

    /**
     * Learns a text as spam or ham for a site, in the caller's transaction. The same text learned again with the
     * same label changes nothing; with the other label it moves from one class to the other. Memory follows
     * after the commit; a rolled-back transaction leaves no trace.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Learned learn(String siteId, String content, String authorUrl, boolean spam, String source) {
        String label = spam ? "spam" : "ham";
        byte[] textHash = hashOf(content);
        var previous = repository.recordExample(siteId, textHash, label, source, content, authorUrl);
        if (previous.isPresent() && previous.get().equals(label)) {
            return Learned.ALREADY;
        }
        Set<String> features = TextFeatures.of(content, authorUrl);
        int spamDelta = (spam ? 1 : 0) - (previous.isPresent() ? (spam ? 0 : 1) : 0);
        int hamDelta = (spam ? 0 : 1) - (previous.isPresent() ? (spam ? 1 : 0) : 0);
        long revision = repository.addCounts(siteId, features, spamDelta, hamDelta);
        AfterCommit.run(transactions, () -> {
            Counts site = sites.get(siteId);
            if (site == null) {
                models.changed(siteId);
                return; // loaded from the database, with this example, on first use
            }
            models.changed(siteId);
            synchronized (site) {
                if (site.revision == revision - 1) {
                    site.add(features, spamDelta, hamDelta);
                    if (spam) {
                        site.spamTexts.add(ClassifierRepository.textKey(textHash));
                    } else {
                        site.spamTexts.remove(ClassifierRepository.textKey(textHash)); // a changed mind
                    }
                    site.revision = revision;
                } else {
                    sites.remove(siteId); // another instance learned in between: read it all again
                }
            }
        });
        return previous.isPresent() ? Learned.CHANGED : Learned.NEW;
    }

    /** One example of a batch. */
    public record Example(String content, String authorUrl, boolean spam) {
    }

    /**
     * Learns many examples of one site at once (an import), in the caller's transaction: the new texts in one
     * statement, their features' counts summed and written in one more, the site's revision moved once. A text
     * already learned goes through {@link #learn} (its label may have changed). Returns what each learn did, in
     * the order given; a text repeated in the batch counts once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Learned> learnAll(String siteId, List<Example> examples, String source) {
        List<String> hashes = new ArrayList<>(examples.size());
        Map<String, Integer> firstOf = new HashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            String hash = java.util.HexFormat.of().formatHex(hashOf(examples.get(i).content()));
            hashes.add(hash);
            firstOf.putIfAbsent(hash, i);
        }
        List<Integer> distinct = new ArrayList<>(new java.util.TreeSet<>(firstOf.values()));
        Set<String> added = repository.recordNewExamples(siteId,
                distinct.stream().map(hashes::get).toArray(String[]::new),
                distinct.stream().map(i -> examples.get(i).spam() ? "spam" : "ham").toArray(String[]::new), source,
                distinct.stream().map(i -> examples.get(i).content()).toArray(String[]::new),
                distinct.stream().map(i -> examples.get(i).authorUrl()).toArray(String[]::new));
        Learned[] results = new Learned[examples.size()];
        Map<String, int[]> deltas = new HashMap<>();
        List<Set<String>> learnedFeatures = new ArrayList<>();
        List<Example> learnedExamples = new ArrayList<>();
        int spam = 0;
        int ham = 0;
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            if (firstOf.get(hashes.get(i)) != i) {
                results[i] = Learned.ALREADY;
            } else if (added.contains(hashes.get(i))) {
                Set<String> features = TextFeatures.of(example.content(), example.authorUrl());
                for (String feature : features) {
                    int[] counts = deltas.computeIfAbsent(feature, f -> new int[2]);
                    counts[example.spam() ? 0 : 1]++;
                }
                learnedFeatures.add(features);
                learnedExamples.add(example);
                spam += example.spam() ? 1 : 0;
                ham += example.spam() ? 0 : 1;
                results[i] = Learned.NEW;
            } else {
                results[i] = learn(siteId, example.content(), example.authorUrl(), example.spam(), source);
            }
        }
        if (learnedExamples.isEmpty()) {
            return List.of(results);
        }
        long revision = repository.addCountsAll(siteId, deltas, spam, ham);
        AfterCommit.run(transactions, () -> {
            models.changed(siteId);
            Counts site = sites.get(siteId);
            if (site == null) {
                return; // loaded from the database, with these examples, on first use
            }
            synchronized (site) {
                if (site.revision == revision - 1) {
                    for (int i = 0; i < learnedExamples.size(); i++) {
                        Example example = learnedExamples.get(i);
                        site.add(learnedFeatures.get(i), example.spam() ? 1 : 0, example.spam() ? 0 : 1);
                        if (example.spam()) {
                            site.spamTexts.add(ClassifierRepository.textKey(hashOf(example.content())));
                        }
                    }
                    site.revision = revision;
                } else {
                    sites.remove(siteId); // another instance learned in between: read it all again
                }
            }
        });
        return List.of(results);
    }

    /** What a learn did: a new example, a changed label, or nothing (already learned with that label). */
    public enum Learned { NEW, CHANGED, ALREADY }

    /** What other instances learned reaches this one within ten seconds. */
    @Scheduled(every = "10s", delayed = "10s")
    void reloadStale() {
        Map<String, Long> revisions = repository.revisions();
        sites.forEach((siteId, counts) -> {
            if (revisions.getOrDefault(siteId, 0L) != counts.revision) {
                sites.remove(siteId);
            }
        });
    }

    private Counts countsOf(String siteId) {
        return sites.computeIfAbsent(siteId, id -> {
            ClassifierRepository.StoredCounts stored = repository.load(id);
            Counts counts = new Counts();
            counts.features.putAll(stored.features());
            counts.spam = stored.spamExamples();
            counts.ham = stored.hamExamples();
            counts.revision = stored.revision();
            counts.spamTexts.addAll(stored.spamTexts());
            return counts;
        });
    }

    /**
     * The three features that weighed most one way, strongest first, for the verdict's explanation; kept as they
     * come, since sorting every feature of every check cost more than the rest of the classifier.
     */
    public static final class Strongest {
        private static final int KEPT = 3;
        private final String[] names = new String[KEPT];
        private final double[] weights = new double[KEPT];
        private int size;

        public void offer(String name, double weight) {
            if (size == KEPT && weight <= weights[KEPT - 1]) {
                return;
            }
            int at = size < KEPT ? size++ : KEPT - 1;
            while (at > 0 && weights[at - 1] < weight) { // equal weights keep their order of arrival
                names[at] = names[at - 1];
                weights[at] = weights[at - 1];
                at--;
            }
            names[at] = name;
            weights[at] = weight;
        }

        public List<String> names() {
            return List.copyOf(java.util.Arrays.asList(names).subList(0, size));
        }
    }

    /** One text, whatever its case, entities or invisible characters. */
    static byte[] hashOf(String content) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(TextFeatures.normalise(content).strip().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void loadSeed() {
        try (InputStream in = SpamClassifier.class.getResourceAsStream("/classifier/seed-examples.tsv");
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                int tab = line.indexOf('\t');
                if (line.startsWith("#") || tab < 0) {
                    continue;
                }
                boolean spam = line.substring(0, tab).equals("spam");
                seed.add(TextFeatures.of(line.substring(tab + 1), null), spam ? 1 : 0, spam ? 0 : 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
