package org.talkback.spamcheck.service.learning;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import org.talkback.spamcheck.config.SpamCheckConfig;
import org.talkback.spamcheck.repository.ClassifierRepository;
import org.talkback.spamcheck.service.SpamClassifier;
import org.talkback.spamcheck.service.TextFeatures;

/**
 * Each site's own model (a logistic regression over hashed features of the texts its moderators and API clients
 * labelled) and the scores cross-validation gave its examples, from which its thresholds are picked. Fitted in the
 * background, one site at a time, whenever the site's examples changed: a check never waits for a fit, it uses the
 * model it finds (or, for a site with too few examples of either kind, the naive Bayes classifier, as before).
 * Every instance fits from the same rows in the same order, so all instances hold the same model; they learn of
 * a change within seconds through the site's revision (classifier_examples), as the naive Bayes counts do.
 */
@ApplicationScoped
public class SiteModels {
    private static final Logger LOG = Logger.getLogger(SiteModels.class);
    /** Below this many examples of either kind, cross-validation cannot tell the errors apart from luck. */
    public static final int MIN_EACH = 30;
    /** Cross-validation folds; their scores pick the thresholds. */
    static final int FOLDS = 5;
    /** The most recent examples cross-validated: enough to estimate rates under 1 %, quick on a large site. */
    static final int MOST_CROSS_VALIDATED = 6_000;
    private static final int MISJUDGED_SHOWN = 10;
    private static final long SEED = 20261201L;

    /** What a fit leaves: the model, the out-of-fold scores, and what it was fitted from. */
    public record Fitted(LogisticModel model, double[] hamScores, double[] spamScores, List<Scored> scored, int ham,
            int spam, long revision, Instant fittedAt, long fitMillis) {
    }

    /** One cross-validated example: its label, the score the model gave it without having learned it, its text. */
    public record Scored(boolean spam, double score, String excerpt) {
    }

    private final ClassifierRepository repository;
    private final boolean enabled;
    private final Map<String, Fitted> fitted = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> failedAt = new ConcurrentHashMap<>();
    private final ExecutorService fitter = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "site-model-fits");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });

    public SiteModels(ClassifierRepository repository, SpamCheckConfig config) {
        this.repository = repository;
        this.enabled = config.siteModels();
    }

    /** The site's current model, if it has one; never waits. */
    public Optional<Fitted> of(String siteId) {
        return Optional.ofNullable(fitted.get(siteId));
    }

    /**
     * The site's model if it judges: its examples let the budget pick a threshold each way. A young site's model
     * (the margin allows no mistake among a few dozen examples) would leave nearly everything unsure; until it can
     * decide both ways, the site is judged as before, by naive Bayes and the default thresholds.
     */
    public Optional<Fitted> inForce(String siteId, double hamJudgedSpamBudget, double spamJudgedHamBudget) {
        return of(siteId).filter(site -> {
            ThresholdPicker.Band band = thresholdsOf(siteId, site, hamJudgedSpamBudget, spamJudgedHamBudget).band();
            return Double.isFinite(band.spamFrom()) && Double.isFinite(band.hamBelow());
        });
    }

    /**
     * The classifier's assessment of a comment by the site's own model, with naive Bayes's evidence as a second
     * opinion (SecondOpinionRule).
     */
    public SpamClassifier.Assessment assess(Fitted site, Set<String> features, String content, double secondOpinion) {
        HashedFeatures.Words words = HashedFeatures.words(features);
        FeatureVector vector = HashedFeatures.combine(words, content);
        double evidence = site.model().logOdds(vector);
        // The features that weighed most each way, by name; the character n-grams only in sum.
        SpamClassifier.Strongest towardsSpam = new SpamClassifier.Strongest();
        SpamClassifier.Strongest towardsHam = new SpamClassifier.Strongest();
        for (String feature : features) {
            int index = HashedFeatures.indexOf(feature);
            int at = java.util.Arrays.binarySearch(vector.indices(), index);
            if (at < 0) {
                continue;
            }
            double contribution = site.model().contribution(index, vector.values()[at]);
            if (contribution > 0.02) {
                towardsSpam.offer(feature, contribution);
            } else if (contribution < -0.02) {
                towardsHam.offer(feature, -contribution);
            }
        }
        return new SpamClassifier.Assessment(evidence, towardsSpam.names(), towardsHam.names(), site.ham() + site.spam(),
                true, secondOpinion);
    }

    /** Whether the model was fitted from the site's examples as they are now (a refit may be under way). */
    public boolean isUpToDate(String siteId, Fitted site) {
        return repository.revisions().getOrDefault(siteId, 0L) == site.revision();
    }

    /** The site's examples changed (this instance learned, or another did): fit again, soon, in the background. */
    public void changed(String siteId) {
        if (enabled && queued.add(siteId)) {
            fitter.execute(() -> {
                queued.remove(siteId);
                fit(siteId);
            });
        }
    }

    /** What other instances learned (and, after a start, what is in the database) reaches this one within seconds. */
    @Scheduled(every = "2s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        Map<String, Long> revisions = repository.revisions();
        revisions.forEach((siteId, revision) -> {
            Fitted current = fitted.get(siteId);
            Long failed = failedAt.get(siteId);
            if ((current == null || current.revision() != revision) && (failed == null || failed != revision.longValue())) {
                changed(siteId);
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        fitter.shutdownNow();
    }

    /** Fits the site's model from its examples as they are now; a site with too few keeps no model. */
    void fit(String siteId) {
        long started = System.nanoTime();
        long revision = -1;
        try {
            revision = repository.revisions().getOrDefault(siteId, 0L);
            List<LogisticModel.Example> examples = new ArrayList<>();
            // The texts as written only of the examples cross-validation may show as misjudged: the most recent.
            java.util.ArrayDeque<String> texts = new java.util.ArrayDeque<>();
            repository.examples(siteId, example -> {
                examples.add(exampleOf(example.spam(), example.content(), example.authorUrl()));
                texts.addLast(example.content());
                if (texts.size() > MOST_CROSS_VALIDATED) {
                    texts.removeFirst();
                }
            });
            Optional<Fitted> result = fitFrom(examples, new ArrayList<>(texts), revision, started);
            if (result.isEmpty()) {
                fitted.remove(siteId);
                failedAt.put(siteId, revision); // not a failure: nothing to fit until the site learns more
                return;
            }
            fitted.put(siteId, result.get());
            long millis = result.get().fitMillis();
            LOG.debugf("fitted the model of %s from %d ham and %d spam in %d ms", siteId, result.get().ham(),
                    result.get().spam(), millis);
            failedAt.remove(siteId);
        } catch (RuntimeException e) {
            failedAt.put(siteId, revision);
            LOG.warnf(e, "fitting the model of %s failed; it keeps its previous model", siteId);
        }
    }

    /**
     * The model of these examples (in the order they were learned), with the cross-validated scores of the most recent
     * ones; {@code texts} are the texts as written of the last examples (at least the cross-validated ones), for the
     * excerpts. Empty with fewer than {@value #MIN_EACH} examples of either kind.
     */
    public static Optional<Fitted> fitFrom(List<LogisticModel.Example> examples, List<String> texts, long revision,
            long startedNanos) {
        int spam = (int) examples.stream().filter(LogisticModel.Example::spam).count();
        int ham = examples.size() - spam;
        if (spam < MIN_EACH || ham < MIN_EACH) {
            return Optional.empty();
        }
        List<Scored> scored = crossValidate(examples, texts);
        if (scored.stream().noneMatch(Scored::spam) || scored.stream().allMatch(Scored::spam)) {
            return Optional.empty(); // the later blocks hold one kind only: nothing to pick thresholds from
        }
        LogisticModel model = LogisticModel.fit(examples, null, SEED);
        double[] hamScores = scored.stream().filter(s -> !s.spam()).mapToDouble(Scored::score).toArray();
        double[] spamScores = scored.stream().filter(Scored::spam).mapToDouble(Scored::score).toArray();
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        return Optional.of(new Fitted(model, hamScores, spamScores, scored, ham, spam, revision, Instant.now(), millis));
    }

    /** One example of a site as a fit reads it: label, text, author's link. */
    public static LogisticModel.Example exampleOf(boolean spam, String content, String authorUrl) {
        return new LogisticModel.Example(spam, HashedFeatures.words(content, authorUrl), TextFeatures.normalise(content));
    }

    /**
     * Scores for the most recent examples by models that did not learn them, in the order they were learned: the
     * examples are cut into {@value #FOLDS} blocks, and each block after the first is scored by a model fitted on the
     * blocks before it ("forward chaining"). A site's next comments come after everything it learned, and they are
     * about newer articles: scored by models of the past, the thresholds allow for that. Shuffled folds, which let a
     * model learn from the very thread it is scored on, picked bands that held on comments like the examples but went
     * over budget on a new kind of traffic (docs/spam-filter.md).
     */
    private static List<Scored> crossValidate(List<LogisticModel.Example> examples, List<String> texts) {
        int from = Math.max(0, examples.size() - MOST_CROSS_VALIDATED);
        List<LogisticModel.Example> recent = examples.subList(from, examples.size());
        int n = recent.size();
        List<Scored> scored = new ArrayList<>(n);
        for (int block = 1; block < FOLDS; block++) {
            int start = (int) ((long) n * block / FOLDS);
            int end = (int) ((long) n * (block + 1) / FOLDS);
            boolean[] use = new boolean[n];
            java.util.Arrays.fill(use, 0, start, true);
            LogisticModel model = LogisticModel.fit(recent, use, SEED + block);
            for (int i = start; i < end; i++) {
                LogisticModel.Example example = recent.get(i);
                double score = model.logOdds(HashedFeatures.combineNormalised(example.words(), example.normalised()));
                String text = texts.get(texts.size() - n + i);
                scored.add(new Scored(example.spam(), score, text.length() > 120 ? text.substring(0, 119) + "…" : text));
            }
        }
        return scored;
    }

    /** The thresholds a site's budget allows, with the rates and misjudged examples cross-validation predicts. */
    public record Thresholds(ThresholdPicker.Band band, List<Scored> misjudged) {
    }

    private record Picked(Fitted fitted, double hamJudgedSpamBudget, double spamJudgedHamBudget, Thresholds thresholds) {
    }

    private final Map<String, Picked> picked = new ConcurrentHashMap<>();

    /** The same, remembered per site until its model or its budget changes: checks ask on every comment. */
    public Thresholds thresholdsOf(String siteId, Fitted site, double hamJudgedSpamBudget, double spamJudgedHamBudget) {
        Picked known = picked.get(siteId);
        if (known != null && known.fitted() == site && known.hamJudgedSpamBudget() == hamJudgedSpamBudget
                && known.spamJudgedHamBudget() == spamJudgedHamBudget) {
            return known.thresholds();
        }
        Thresholds thresholds = thresholds(site, hamJudgedSpamBudget, spamJudgedHamBudget);
        picked.put(siteId, new Picked(site, hamJudgedSpamBudget, spamJudgedHamBudget, thresholds));
        return thresholds;
    }

    public static Thresholds thresholds(Fitted site, double hamJudgedSpamBudget, double spamJudgedHamBudget) {
        ThresholdPicker.Band band = ThresholdPicker.pick(site.hamScores(), site.spamScores(), hamJudgedSpamBudget,
                spamJudgedHamBudget);
        List<Scored> misjudged = site.scored().stream()
                .filter(s -> s.spam() ? s.score() < band.hamBelow() : s.score() >= band.spamFrom())
                .limit(MISJUDGED_SHOWN).toList();
        return new Thresholds(band, misjudged);
    }
}
